namespace StudyBot.Core.Time;

/// <summary>
/// Timers count whole milliseconds: a wait of 0.6 ms becomes 0 and completes at once, inline. A loop that waits for
/// "the rest of the time until X" would then spin on the thread that completed its last timer; on a test clock that
/// thread is the clock's own, which stops moving, and the loop spins for ever. A sub-millisecond rest is spun out on the
/// real clock (precise pacing: a limit of one request per 2 ms stays 2 ms, where rounding up to whole timer ticks
/// doubled it) and handed back to the thread pool on any other clock.
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

        if (wait >= TimerResolution)
        {
            return Task.Delay(wait, time, cancellationToken);
        }

        // On the real clock the rest passes while we spin, and spinning keeps the pacing to the microsecond (a yield
        // queues behind every other task, which cost the Discord fan-out a third more time); on any other clock time
        // moves only when its owner moves it, so the thread is given back.
        if (ReferenceEquals(time, TimeProvider.System))
        {
            SpinFor(wait);
            return Task.CompletedTask;
        }

        return YieldAsync(cancellationToken);
    }

    private static void SpinFor(TimeSpan wait)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (System.Diagnostics.Stopwatch.GetElapsedTime(start) < wait)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static async Task YieldAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
