using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Time;

public class TimerWaitTests
{
    [Theory]
    [InlineData(0.4, 1)]
    [InlineData(1.0, 1)]
    [InlineData(14_999.6, 15_000)]
    [InlineData(250, 250)]
    public void RoundedUp_FractionsOfAMillisecond_BecomeTheNextWholeMillisecond(double milliseconds, double expected) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expected), TimerWait.RoundedUp(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void RoundedUp_OneTick_IsOneMillisecondNotZero() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1), TimerWait.RoundedUp(TimeSpan.FromTicks(1)));

    [Fact]
    public void RoundedUp_NothingLeft_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, TimerWait.RoundedUp(TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, TimerWait.RoundedUp(TimeSpan.FromMilliseconds(-3)));
    }

    [Fact]
    public void RoundedUp_Infinite_StaysInfinite() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerWait.RoundedUp(Timeout.InfiniteTimeSpan));
}
