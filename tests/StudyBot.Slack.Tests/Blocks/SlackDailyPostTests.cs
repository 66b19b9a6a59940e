using System.Text.Json.Nodes;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Tests.Blocks;

public class SlackDailyPostTests
{
    private static readonly ReplyField[] Details = [new("Question", "Q#42"), new("Category", "ML system design")];

    [Fact]
    public void Build_DailyQuestion_HeaderQuestionDetailsAndAnAnswerButtonCarryingTheId()
    {
        var message = SlackDailyPost.Build("42", "Daily question · Tue 2026-11-24", "How would you roll out a model with a canary?", Details);

        BlockKitLimits.AssertValidMessage(message);
        Assert.Equal(["header", "section", "context", "actions"], message.Blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("How would you roll out a model with a canary?", (string?)message.Blocks[1]!["text"]!["text"]);
        Assert.Equal("*Question* Q#42  ·  *Category* ML system design", (string?)message.Blocks[2]!["elements"]![0]!["text"]);
        var button = (JsonObject)message.Blocks[3]!["elements"]![0]!;
        Assert.Equal("answer:42", (string?)button["action_id"]);
        Assert.Equal("answer:42", (string?)button["value"]);
        Assert.Equal("primary", (string?)button["style"]);
        Assert.Equal("Answer", (string?)button["text"]!["text"]);
        Assert.True(SlackActionIds.TryParseAnswer((string?)button["value"], out var questionId));
        Assert.Equal("42", questionId);
        Assert.Equal("Daily question · Tue 2026-11-24: How would you roll out a model with a canary?", message.Text);
    }

    [Fact]
    public void Build_QuestionWithMentions_NothingCanPingAnyone()
    {
        var message = SlackDailyPost.Build("7", "Daily <!channel>", "Explain <!everyone> & <@U1>", [new ReplyField("<!here>", "<@U2>")]);

        BlockKitLimits.AssertValidMessage(message);
        Assert.Equal("Explain &lt;!everyone&gt; &amp; &lt;@U1&gt;", (string?)message.Blocks[1]!["text"]!["text"]);
    }

    [Fact]
    public void Build_HugeQuestion_FitsFiftyBlocksEndsInAnEllipsisAndKeepsTheButton()
    {
        var message = SlackDailyPost.Build("42", new string('t', 300), new string('q', 200_000), Details);

        BlockKitLimits.AssertValidMessage(message);
        Assert.Equal(SlackLimits.BlocksPerMessage, message.Blocks.Count);
        Assert.EndsWith("…", (string)message.Blocks[^3]!["text"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("answer:42", (string?)message.Blocks[^1]!["elements"]![0]!["action_id"]);
    }

    [Fact]
    public void Build_QuestionIdTooLongForAnActionId_Refused() =>
        Assert.Throws<ArgumentException>(() => SlackDailyPost.Build(new string('9', 300), "T", "Q", Details));

    [Fact]
    public void AnswerPrefix_IsCoresAnswerAction() =>
        Assert.Equal(DailyPostReply.AnswerActionPrefix, SlackActionIds.AnswerPrefix);

    [Theory]
    [InlineData("answer:42", true, "42")]
    [InlineData("answer:", false, "")]
    [InlineData("review:42", false, "")]
    [InlineData(null, false, "")]
    public void TryParseAnswer_OnlyAnswerButtons(string? action, bool ok, string id)
    {
        Assert.Equal(ok, SlackActionIds.TryParseAnswer(action, out var questionId));
        Assert.Equal(id, questionId);
    }
}
