using StudyBot.Slack.Api;
using StudyBot.Slack.Tests.Support;

namespace StudyBot.Slack.Tests.Api;

public class SlidingWindowLimiterTests
{
    [Fact]
    public async Task WaitAsync_UnderTheLimit_GoesAtOnceButHalfASlotApart()
    {
        var time = new ObservableTimeProvider();
        var limiter = new SlidingWindowLimiter(time, 2, TimeSpan.FromSeconds(60));

        Assert.True(limiter.WaitAsync(default).IsCompletedSuccessfully);
        var second = limiter.WaitAsync(default);

        // 60 s / 2 / 2 = 15 s spacing.
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(15));
        time.Advance(TimeSpan.FromSeconds(15) - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        await second.WaitAsync(ObservableTimeProvider.Patience);
    }

    [Fact]
    public async Task WaitAsync_SlotDueInAFractionOfAMillisecond_WaitsForItInsteadOfSpinning()
    {
        // Timers count whole milliseconds: 14,999.6 ms would become 14,999 and then 0.6 ms would become 0, and the
        // limiter would spin inside the clock's timer callback (on a test clock, for ever).
        var time = new ObservableTimeProvider();
        var limiter = new SlidingWindowLimiter(time, 2, TimeSpan.FromSeconds(60));
        await limiter.WaitAsync(default);
        time.Advance(TimeSpan.FromMilliseconds(0.4));

        // Off the test's synchronization context, as in the host: the limiter's continuation runs on the clock's thread.
        var second = Task.Run(() => limiter.WaitAsync(default));
        await time.WaitForTimerAsync(d => d >= TimeSpan.FromMilliseconds(14_999));

        // The clock stops 0.3 ms short of the slot (the timer, cut to 14,999 ms, is due by then), then goes on.
        var advancing = Task.Run(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(14_999.3));
            time.Advance(TimeSpan.FromMilliseconds(1));
        });

        Assert.True(await Task.WhenAny(advancing, Task.Delay(ObservableTimeProvider.Patience)) == advancing, "the clock's Advance never returned");
        await second.WaitAsync(ObservableTimeProvider.Patience);
    }

    [Fact]
    public async Task WaitAsync_LimitReached_WaitsUntilTheOldestLeavesTheWindow()
    {
        var time = new ObservableTimeProvider();
        var limiter = new SlidingWindowLimiter(time, 2, TimeSpan.FromSeconds(60));
        await limiter.WaitAsync(default);
        time.Advance(TimeSpan.FromSeconds(20));
        await limiter.WaitAsync(default);
        time.Advance(TimeSpan.FromSeconds(20));

        var third = limiter.WaitAsync(default);

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(20));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(20));
        await third.WaitAsync(ObservableTimeProvider.Patience);
        Assert.Equal(TimeSpan.FromSeconds(60), time.GetUtcNow() - time.Start);
    }

    [Fact]
    public async Task Pause_HoldsEveryCallerUntilItEnds()
    {
        var time = new ObservableTimeProvider();
        var limiter = new SlidingWindowLimiter(time, 0, TimeSpan.FromSeconds(60));
        Assert.True(limiter.WaitAsync(default).IsCompletedSuccessfully);
        Assert.True(limiter.WaitAsync(default).IsCompletedSuccessfully);

        limiter.Pause(TimeSpan.FromSeconds(30));
        var held = limiter.WaitAsync(default);

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        await held.WaitAsync(ObservableTimeProvider.Patience);
    }

    [Fact]
    public async Task Pause_LongerPauseArrivesWhileWaiting_TheWaiterWaitsForIt()
    {
        var time = new ObservableTimeProvider();
        var limiter = new SlidingWindowLimiter(time, 0, TimeSpan.FromSeconds(60));
        limiter.Pause(TimeSpan.FromSeconds(5));
        var held = limiter.WaitAsync(default);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));

        limiter.Pause(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(5));

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(15));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(15));
        await held.WaitAsync(ObservableTimeProvider.Patience);
    }
}
