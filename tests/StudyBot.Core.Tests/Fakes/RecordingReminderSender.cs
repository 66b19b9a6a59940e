using System.Collections.Concurrent;
using StudyBot.Core.Reminders;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>Records each reminder; <see cref="Next"/> decides the outcome of the following sends (Sent by default).</summary>
public sealed class RecordingReminderSender(string platform) : IReminderSender
{
    private readonly ConcurrentQueue<ReminderMessage> sent = new();

    public string Platform { get; } = platform;

    public ReminderResult Next { get; set; } = ReminderResult.Sent;

    public IReadOnlyList<ReminderMessage> Sent => [.. sent];

    public Task<ReminderResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        sent.Enqueue(message);
        return Task.FromResult(Next);
    }
}
