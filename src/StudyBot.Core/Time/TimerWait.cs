namespace StudyBot.Core.Time;

/// <summary>
/// Timers count whole milliseconds: a wait of 0.6 ms becomes 0 and fires at once. A loop that waits for "the rest of
/// the time until X" must round up, or it spins until X (and on a test clock, which only moves when told, forever).
/// </summary>
public static class TimerWait
{
    /// <summary>The remaining <paramref name="wait"/> rounded up to whole milliseconds; zero or less is zero; infinite stays infinite.</summary>
    public static TimeSpan RoundedUp(TimeSpan wait)
    {
        if (wait == Timeout.InfiniteTimeSpan || wait.TotalMilliseconds >= uint.MaxValue - 1)
        {
            return wait;
        }

        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
    }
}
