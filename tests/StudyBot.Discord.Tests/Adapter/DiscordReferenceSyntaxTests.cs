using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>References as Discord sends them (ids) and as people type them (mentions); plain names are not Discord's.</summary>
public sealed class DiscordReferenceSyntaxTests
{
    [Theory]
    [InlineData(OptionKind.Channel, "<#555>", "555")]
    [InlineData(OptionKind.Role, "<@&777>", "777")]
    [InlineData(OptionKind.Member, "<@8>", "8")]
    [InlineData(OptionKind.Member, "<@!2200000000000000002>", "2200000000000000002")]
    [InlineData(OptionKind.Member, "2200000000000000002", "2200000000000000002")]
    [InlineData(OptionKind.Member, "18446744073709551615", "18446744073709551615")]
    [InlineData(OptionKind.Channel, "3300000000000000003", "3300000000000000003")]
    public void TryRead_MentionOrId_TheId(OptionKind kind, string text, string expected)
    {
        Assert.True(DiscordReferenceSyntax.Instance.TryRead(kind, text, out var id, out var problem));

        Assert.Equal(expected, id);
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData(OptionKind.Member, "ada", "'ada' is not a member. Mention them (@name) or give their id.")]
    [InlineData(OptionKind.Member, "99999999999999999999", "'99999999999999999999' is not a member. Mention them (@name) or give their id.")] // more than a snowflake holds
    [InlineData(OptionKind.Member, "<@99999999999999999999>", "is not a member.")]
    [InlineData(OptionKind.Channel, "#daily", "'#daily' is not a channel. Mention it (#channel) or give its id.")]
    [InlineData(OptionKind.Role, "@study", "'@study' is not a role. Mention it (@role) or give its id.")]
    [InlineData(OptionKind.Channel, "<#-5>", "is not a channel.")]
    [InlineData(OptionKind.Member, "", "'' is not a member.")]
    public void TryRead_NameOrIdBeyondASnowflake_ProblemSayingToMention(OptionKind kind, string text, string expected)
    {
        Assert.False(DiscordReferenceSyntax.Instance.TryRead(kind, text, out var id, out var problem));

        Assert.Equal("", id);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_DefinitionCheckedWithDiscordsSyntax_MentionsInNamesOut()
    {
        var member = new CommandOption("member", "Whose streak", OptionKind.Member);

        Assert.True(member.Accepts("<@8>", DiscordReferenceSyntax.Instance));
        Assert.False(member.Accepts("ada", DiscordReferenceSyntax.Instance));
        Assert.False(member.Accepts("<@8>"));
    }
}
