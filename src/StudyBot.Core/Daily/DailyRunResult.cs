namespace StudyBot.Core.Daily;

public enum DailyRunOutcome
{
    Posted,
    AlreadyPosted,
    Skipped,
    Missed,
    Paused,
    NotConfigured,
    NotDue,
    ChannelUnavailable,
    Failed,
}

public sealed record DailyRunResult(DailyRunOutcome Outcome, DailySlot? Slot, string? Detail = null);
