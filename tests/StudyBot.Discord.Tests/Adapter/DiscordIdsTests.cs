using StudyBot.Core.Servers;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>Discord's snowflakes as Core's platform-scoped ids.</summary>
public sealed class DiscordIdsTests
{
    [Theory]
    [InlineData(1UL, "discord:1")]
    [InlineData(1100000000000000001UL, "discord:1100000000000000001")]
    [InlineData(18446744073709551000UL, "discord:18446744073709551000")] // above long.MaxValue
    [InlineData(ulong.MaxValue, "discord:18446744073709551615")]
    public void Server_Guild_DiscordScopedIdThatGuildOfReadsBack(ulong guild, string expected)
    {
        var serverId = DiscordIds.Server(guild);

        Assert.Equal(expected, serverId);
        Assert.Equal(DiscordIds.Platform, ServerIds.PlatformOf(serverId));
        Assert.Equal(guild, DiscordIds.GuildOf(serverId));
    }

    [Theory]
    [InlineData("slack:T0123ABCD")]
    [InlineData("console:local")]
    [InlineData("slack:1100000000000000001")]
    [InlineData("1100000000000000001")]
    [InlineData("discord:")]
    [InlineData("discord:abc")]
    [InlineData("discord:-5")]
    [InlineData("discord:18446744073709551616")] // one more than a snowflake holds
    [InlineData("Discord:1100000000000000001")]
    [InlineData("")]
    public void GuildOf_ServerOfAnotherPlatformOrNoGuild_Null(string serverId) => Assert.Null(DiscordIds.GuildOf(serverId));

    [Theory]
    [InlineData(2200000000000000002UL, "2200000000000000002")]
    [InlineData(18446744073709550001UL, "18446744073709550001")]
    public void Member_User_TheSnowflakesDecimalText(ulong user, string expected) => Assert.Equal(expected, DiscordIds.Member(user));
}
