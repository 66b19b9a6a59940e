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

    [Theory]
    [InlineData("a &lt; b &amp;&amp; c &gt; d", "a < b && c > d")]
    [InlineData("&amp;lt;", "&lt;")]
    [InlineData("no escapes", "no escapes")]
    public void Unescape_UndoesSlacksThreeEscapes(string text, string plain) =>
        Assert.Equal(plain, SlackText.Unescape(text));

    [Fact]
    public void Unescape_ThenEscape_RoundTrips()
    {
        const string text = "x < y & z > <!channel> &amp;";

        Assert.Equal(text, SlackText.Unescape(SlackText.Escape(text)));
    }

    [Theory]
    [InlineData("<#C0123ABC|general>", true, "C0123ABC")]
    [InlineData("<#G0123ABC>", true, "G0123ABC")]
    [InlineData(" <#C1A|x> ", true, "C1A")]
    [InlineData("#general", false, "")]
    [InlineData("<@U0123>", false, "")]
    [InlineData("<#C!23|x>", false, "")]
    public void TryParseChannelMention_OnlyChannelMentions(string token, bool ok, string id)
    {
        Assert.Equal(ok, SlackText.TryParseChannelMention(token, out var channelId));
        Assert.Equal(id, channelId);
    }

    [Theory]
    [InlineData("<@U0123ABC|ada>", true, "U0123ABC")]
    [InlineData("<@W0123ABC>", true, "W0123ABC")]
    [InlineData("<!channel>", false, "")]
    [InlineData("@ada", false, "")]
    public void TryParseUserMention_OnlyUserMentions(string token, bool ok, string id)
    {
        Assert.Equal(ok, SlackText.TryParseUserMention(token, out var userId));
        Assert.Equal(id, userId);
    }
}
