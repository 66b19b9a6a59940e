using StudyBot.Core.Servers;

namespace StudyBot.Core.Tests.Servers;

public sealed class ServerIdsTests
{
    [Theory]
    [InlineData("discord", "123", "discord:123")]
    [InlineData("slack", "T0123ABC", "slack:T0123ABC")]
    public void Of_PlatformAndItsId_ScopedId(string platform, string id, string expected)
    {
        var serverId = ServerIds.Of(platform, id);

        Assert.Equal(expected, serverId);
        Assert.Equal(platform, ServerIds.PlatformOf(serverId));
    }

    [Fact]
    public void Of_SameIdOnTwoPlatforms_TwoServers() =>
        Assert.NotEqual(ServerIds.Of("discord", "123"), ServerIds.Of("slack", "123"));

    [Theory]
    [InlineData("disc:ord", "1")]
    [InlineData("discord", "1:2")]
    [InlineData("", "1")]
    [InlineData("discord", "")]
    public void Of_PartWithAColonOrEmpty_Refused(string platform, string id) =>
        Assert.ThrowsAny<ArgumentException>(() => ServerIds.Of(platform, id));

    [Theory]
    [InlineData("123", "")]
    [InlineData(":123", "")]
    [InlineData("console:local", "console")]
    public void PlatformOf_ServerId_ItsScopeOrEmptyWithoutOne(string serverId, string expected) =>
        Assert.Equal(expected, ServerIds.PlatformOf(serverId));
}
