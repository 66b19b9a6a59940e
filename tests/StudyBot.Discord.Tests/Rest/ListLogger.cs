using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Rest;

/// <summary>Keeps every log line, with its exception, so tests can check what was (and was not) logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Text)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        _entries.Enqueue((eventId, logLevel, $"{formatter(state, exception)} | {structured} | {exception}"));
    }
}
