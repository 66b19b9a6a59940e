namespace StudyBot.Core.Time;

/// <summary>
/// Timers count whole milliseconds: a wait of 0.6 ms becomes 0 and completes at once, inline. A loop that waits for
/// "the rest of the time until X" would then spin on the thread that completed its last timer; on a test clock that
/// thread is the clock's own, which stops moving, and the loop spins for ever. A sub-millisecond rest is waited out by
/// yielding to the thread pool instead: precise pacing (a rate limit of one request per 2 ms stays 2 ms, where rounding
/// up to whole timer ticks doubled it) and never the timer's thread.
/// </summary>
public static class TimerWait
{
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);

    /// <summary>Waits <paramref name="wait"/> on <paramref name="time"/>; zero or less returns at once, infinite waits for cancellation.</summary>
    public static Task DelayAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            return Task.Delay(wait, time, cancellationToken);
        }

        if (wait <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        return wait < TimerResolution ? YieldAsync(cancellationToken) : Task.Delay(wait, time, cancellationToken);
    }

    private static async Task YieldAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
