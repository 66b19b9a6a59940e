using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StudyBot.Core.Tests.Commands;

/// <summary>A logger that keeps what it is given, so a test can check that a failure was logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public sealed record Entry(LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception), exception));
    }
}
