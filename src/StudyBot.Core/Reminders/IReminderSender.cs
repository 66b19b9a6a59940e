using StudyBot.Core.Commands;

namespace StudyBot.Core.Reminders;

/// <summary>A private reminder for one member: the reply to show them (the question with its Answer button).</summary>
public sealed record ReminderMessage(string ServerId, string MemberId, Reply Reply);

public enum ReminderOutcome
{
    Sent,

    /// <summary>The member cannot be reached privately (Discord 50007, Slack cannot_dm_bot, …): the reminder is turned off.</summary>
    Unreachable,

    /// <summary>A failure that may pass (timeouts, 5xx, rate limits): tried again a little later the same day.</summary>
    TransientFailure,
}

public sealed record ReminderResult(ReminderOutcome Outcome, string? Detail = null)
{
    public static ReminderResult Sent { get; } = new(ReminderOutcome.Sent);
}

/// <summary>Port for sending a reminder privately; each platform adapter implements it for its servers' members.</summary>
public interface IReminderSender
{
    /// <summary>The platform whose members this sender reaches: the scope of their servers' ids.</summary>
    string Platform { get; }

    Task<ReminderResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken);
}
