using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

/// <summary>References where no platform resolves them (the console chat): a name or id, an optional leading # or @.</summary>
public sealed class PlainReferenceSyntaxTests
{
    [Theory]
    [InlineData(OptionKind.Channel, "#daily", "daily")]
    [InlineData(OptionKind.Channel, "daily-questions", "daily-questions")]
    [InlineData(OptionKind.Role, "@study", "study")]
    [InlineData(OptionKind.Member, "@ada.l", "ada.l")]
    [InlineData(OptionKind.Member, "local", "local")]
    [InlineData(OptionKind.Member, "2200000000000000002", "2200000000000000002")]
    [InlineData(OptionKind.Channel, "Übungen_2", "Übungen_2")]
    public void TryRead_NameOrId_TheNameWithoutItsMark(OptionKind kind, string text, string expected)
    {
        Assert.True(PlainReferenceSyntax.Instance.TryRead(kind, text, out var id, out var problem));

        Assert.Equal(expected, id);
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData(OptionKind.Member, "<@8>", "'<@8>' is not a member. Give their name as the leaderboard shows it.")]
    [InlineData(OptionKind.Channel, "<#555>", "'<#555>' is not a channel. Give its name, e.g. #daily.")]
    [InlineData(OptionKind.Role, "<@&777>", "'<@&777>' is not a role. Give its name, e.g. @study.")]
    [InlineData(OptionKind.Channel, "two words", "'two words' is not a channel.")]
    [InlineData(OptionKind.Channel, "##daily", "'##daily' is not a channel.")]
    [InlineData(OptionKind.Member, "", "'' is not a member.")]
    public void TryRead_PlatformMentionOrNoName_ProblemSayingWhatToGive(OptionKind kind, string text, string expected)
    {
        Assert.False(PlainReferenceSyntax.Instance.TryRead(kind, text, out var id, out var problem));

        Assert.Equal("", id);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_NameOfMoreThan100Characters_Refused()
    {
        Assert.True(PlainReferenceSyntax.Instance.TryRead(OptionKind.Channel, new string('a', 100), out _, out _));
        Assert.False(PlainReferenceSyntax.Instance.TryRead(OptionKind.Channel, new string('a', 101), out _, out _));
    }
}
