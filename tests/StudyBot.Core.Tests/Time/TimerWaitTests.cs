using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Time;

public class TimerWaitTests
{
    [Fact]
    public async Task DelayAsync_NothingLeft_CompletesAtOnce()
    {
        var time = new FakeTimeProvider();

        Assert.True(TimerWait.DelayAsync(TimeSpan.Zero, time, CancellationToken.None).IsCompletedSuccessfully);
        await TimerWait.DelayAsync(TimeSpan.FromMilliseconds(-3), time, CancellationToken.None);
    }

    [Fact]
    public async Task DelayAsync_AFractionOfAMillisecond_YieldsInsteadOfCompletingInline()
    {
        var time = new FakeTimeProvider();
        var caller = Environment.CurrentManagedThreadId;
        var ranOn = 0;

        // Off any synchronization context, as in the host: the continuation runs where the wait completed.
        await Task.Run(async () =>
        {
            caller = Environment.CurrentManagedThreadId;
            var wait = TimerWait.DelayAsync(TimeSpan.FromMilliseconds(0.6), time, CancellationToken.None);
            Assert.False(wait.IsCompleted, "a sub-millisecond wait completed inline: a waiting loop would spin on this thread");
            await wait;
            ranOn = Environment.CurrentManagedThreadId;
        });

        Assert.NotEqual(0, ranOn);
    }

    [Fact]
    public void DelayAsync_AFractionOfAMillisecondOnTheRealClock_SpunOutBeforeItReturns()
    {
        var start = TimeProvider.System.GetTimestamp();

        var wait = TimerWait.DelayAsync(TimeSpan.FromMilliseconds(0.5), TimeProvider.System, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(TimeProvider.System.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(0.5));
    }

    [Fact]
    public async Task DelayAsync_AWholeWait_FollowsTheClock()
    {
        var time = new FakeTimeProvider();

        var wait = TimerWait.DelayAsync(TimeSpan.FromSeconds(2), time, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task DelayAsync_Infinite_EndsOnlyByCancellation()
    {
        using var cancel = new CancellationTokenSource();
        var wait = TimerWait.DelayAsync(Timeout.InfiniteTimeSpan, new FakeTimeProvider(), cancel.Token);
        Assert.False(wait.IsCompleted);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
