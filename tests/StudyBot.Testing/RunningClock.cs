using Microsoft.Extensions.Time.Testing;

namespace StudyBot.Testing;

/// <summary>
/// A fake clock that runs at real speed (so heartbeats, rate-limit waits and deferrals behave as in production)
/// and can jump ahead to a chosen instant (so a daily post due at 09:00 fires without waiting for it).
/// </summary>
public sealed class RunningClock : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();

    // The ticking thread and a test's jump must not both move the clock: each reads "now" and sets it further on.
    private readonly Lock moving = new();
    private readonly Task ticking;

    public RunningClock(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        ticking = Task.Run(async () =>
        {
            var last = TimeProvider.System.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(5, CancellationToken.None);
                var now = TimeProvider.System.GetTimestamp();
                lock (moving)
                {
                    Time.Advance(TimeProvider.System.GetElapsedTime(last, now));
                }

                last = now;
            }
        });
    }

    public FakeTimeProvider Time { get; }

    public void JumpTo(DateTimeOffset instant)
    {
        lock (moving)
        {
            var ahead = instant - Time.GetUtcNow();
            if (ahead > TimeSpan.Zero)
            {
                Time.Advance(ahead);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await ticking;
        stop.Dispose();
    }
}
