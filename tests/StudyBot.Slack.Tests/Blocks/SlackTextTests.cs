using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Tests.Blocks;

public class SlackTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<@U012AB3CD>", "&lt;@U012AB3CD&gt;")]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("&amp;", "&amp;amp;")]
    [InlineData("*bold* _it_ `code` \"q\" 'a'", "*bold* _it_ `code` \"q\" 'a'")]
    public void Escape_OnlyTheThreeControlCharacters(string text, string escaped) =>
        Assert.Equal(escaped, SlackText.Escape(text));

    [Fact]
    public void Truncate_Short_Unchanged() => Assert.Equal("abc", SlackText.Truncate("abc", 3));

    [Fact]
    public void Truncate_Long_EndsInAnEllipsisWithinTheLimit()
    {
        var cut = SlackText.Truncate("abcdefgh", 5);

        Assert.Equal("abcd…", cut);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void Truncate_NeverSplitsAnEscape(int max)
    {
        var cut = SlackText.Truncate(SlackText.Escape("abcd&<>xyz"), max);

        Assert.True(cut.Length <= max);
        BlockKitLimits.AssertSafeMrkdwn(cut);
    }

    [Fact]
    public void Truncate_NeverSplitsASurrogatePair()
    {
        var cut = SlackText.Truncate("ab😀😀😀", 4);

        // "ab" + half an emoji + "…" would also be 4 characters; the half must go.
        Assert.Equal("ab…", cut);
    }

    [Theory]
    [InlineData("abc", 10, "abc…")]
    [InlineData("abcdefghij", 10, "abcdefghi…")]
    [InlineData("abcdefghijk", 10, "abcdefghi…")]
    public void MarkCut_AlwaysEndsInAnEllipsisWithinTheLimit(string text, int max, string expected) =>
        Assert.Equal(expected, SlackText.MarkCut(text, max));

    [Fact]
    public void Chunk_PrefersLineBreaksAndKeepsEverything()
    {
        var text = "first line\nsecond line\nthird line";

        var chunks = SlackText.Chunk(text, 15);

        Assert.Equal(["first line", "second line", "third line"], chunks);
    }

    [Fact]
    public void Chunk_NoLineBreak_CutsWithoutSplittingEscapes()
    {
        var text = SlackText.Escape(string.Concat(Enumerable.Repeat("a&b<c>", 200)));

        var chunks = SlackText.Chunk(text, 97);

        Assert.All(chunks, c => Assert.True(c.Length <= 97));
        Assert.All(chunks, BlockKitLimits.AssertSafeMrkdwn);
        Assert.Equal(text, string.Concat(chunks));
    }
}
