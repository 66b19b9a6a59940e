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

    /// <summary>The server's platform is not connected in this process: nothing was claimed.</summary>
    PlatformNotRunning,
    Failed,
}

public sealed record DailyRunResult(DailyRunOutcome Outcome, DailySlot? Slot, string? Detail = null);
