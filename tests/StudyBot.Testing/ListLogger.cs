using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StudyBot.Testing;

/// <summary>One captured log line; <see cref="Text"/> adds the structured values and the exception to the message.</summary>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception, string Structured)
{
    public string Text => $"{Message} | {Structured} | {Exception}";
}

/// <summary>Captures log lines so tests can check what was logged, and that no token or other secret ever was.</summary>
public class ListLogger : ILogger
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        Entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception, structured));
    }

    public bool Has(int eventId) => Entries.Any(e => e.EventId.Id == eventId);

    public string AllText() => string.Join("\n", Entries.Select(e => e.Text));
}

/// <summary>The same, for a class that asks for an <see cref="ILogger{T}"/>.</summary>
public sealed class ListLogger<T> : ListLogger, ILogger<T>;

/// <summary>Captures the logs of a whole host, every category into one <see cref="ListLogger"/>.</summary>
public sealed class ListLoggerProvider(ListLogger log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => log;

    public void Dispose()
    {
    }
}
