using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public class ClosestNamesTests
{
    private static readonly string[] Commands =
    [
        "roadmap", "skills", "tools", "cloud", "role", "salary", "question", "daily",
        "answer", "streak", "leaderboard", "timezone", "start", "help", "setup", "schedule",
    ];

    [Theory]
    [InlineData("roadmaps", "roadmap")]
    [InlineData("Roadmpa", "roadmap")]
    [InlineData("hlep", "help")]
    [InlineData("shedule", "schedule")]
    [InlineData("timezones", "timezone")]
    [InlineData("leader", "leaderboard")]
    [InlineData("qu", "question")]
    [InlineData("strak", "streak")]
    public void Find_Mistyped_TheClosestName(string typed, string expected)
    {
        Assert.Equal([expected], ClosestNames.Find(typed, Commands));
    }

    [Fact]
    public void Find_EquallyClose_AllOfThemInOrder()
    {
        Assert.Equal(["stark", "start"], ClosestNames.Find("star", ["start", "setup", "stark", "streak"]));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("roadmap")]
    public void Find_NothingClose_Empty(string typed)
    {
        Assert.Empty(ClosestNames.Find(typed, Commands));
    }

    [Theory]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "ABC", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("abc", "ab", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_KnownPairs_Expected(string a, string b, int expected)
    {
        Assert.Equal(expected, ClosestNames.Distance(a, b));
        Assert.Equal(expected, ClosestNames.Distance(b, a));
    }

    [Theory]
    [InlineData(new[] { "a" }, "a")]
    [InlineData(new[] { "a", "b" }, "a or b")]
    [InlineData(new[] { "a", "b", "c" }, "a, b or c")]
    public void Join_Names_ReadsAsASentence(string[] names, string expected)
    {
        Assert.Equal(expected, ClosestNames.Join(names));
    }
}
