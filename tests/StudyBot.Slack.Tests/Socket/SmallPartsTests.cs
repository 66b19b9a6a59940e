using StudyBot.Core.Time;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Tests.Socket;

public class SmallPartsTests
{
    [Fact]
    public void RecentDeliveries_Repeat_RefusedUntilPushedOutByNewerKeys()
    {
        var recent = new RecentDeliveries(capacity: 3);

        Assert.True(recent.TryAdd("a"));
        Assert.False(recent.TryAdd("a"));
        Assert.True(recent.TryAdd("b"));
        Assert.True(recent.TryAdd("c"));
        Assert.False(recent.TryAdd("a"));
        Assert.True(recent.TryAdd("d"));

        Assert.True(recent.TryAdd("a"));
        Assert.False(recent.TryAdd("d"));
    }

    [Fact]
    public void ReconnectBackoff_DoublesUpToTheCapAndResets()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), () => 0.5);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.Next());
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next());
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Theory]
    [InlineData(0.0, 750)]
    [InlineData(0.999, 1249)]
    public void ReconnectBackoff_JitterStaysWithinAQuarter(double random, int expectedMs)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => random);

        Assert.Equal(expectedMs, (int)backoff.Next().TotalMilliseconds);
    }
}
