using StudyBot.Core.Time;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Gateway;

public class ReconnectBackoffTests
{
    [Fact]
    public void Next_NoJitter_DoublesUpToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.5);

        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Next_Jitter_StaysWithinAQuarterAndUnderTheCap()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0);
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.999);

        Assert.Equal(0.75, low.Next().TotalSeconds, 3);
        Assert.Equal(1.25, high.Next().TotalSeconds, 2);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(high.Next() <= TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public void Reset_AfterFailures_StartsOverAtTheInitialDelay()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.5);
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
