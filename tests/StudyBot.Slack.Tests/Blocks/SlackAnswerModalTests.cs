using System.Text.Json.Nodes;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Tests.Blocks;

public class SlackAnswerModalTests
{
    private static readonly AnswerModal Form = new(
        CallbackId: "answer_v1",
        PrivateMetadata: """{"q":42}""",
        Title: "Daily question",
        QuestionText: "How would you design a feature store?",
        Label: "Your answer",
        MinLength: 40,
        MaxLength: 3000);

    [Fact]
    public void Build_AnswerForm_ModalWithTheQuestionAndOneMultilineInput()
    {
        var view = SlackAnswerModal.Build(Form);

        BlockKitLimits.AssertValidView(view);
        Assert.Equal("answer_v1", (string?)view["callback_id"]);
        Assert.Equal("""{"q":42}""", (string?)view["private_metadata"]);
        Assert.Equal("Daily question", (string?)view["title"]!["text"]);
        Assert.Equal("Send", (string?)view["submit"]!["text"]);
        Assert.Equal("Cancel", (string?)view["close"]!["text"]);
        var blocks = (JsonArray)view["blocks"]!;
        Assert.Equal("How would you design a feature store?", (string?)blocks[0]!["text"]!["text"]);
        var input = blocks[1]!;
        Assert.Equal(SlackAnswerModal.BlockId, (string?)input["block_id"]);
        var element = input["element"]!;
        Assert.Equal(SlackAnswerModal.ActionId, (string?)element["action_id"]);
        Assert.True((bool)element["multiline"]!);
        Assert.Equal(40, (int)element["min_length"]!);
        Assert.Equal(3000, (int)element["max_length"]!);
    }

    [Fact]
    public void Build_EverythingOversize_CutOrClampedToSlacksLimits()
    {
        var view = SlackAnswerModal.Build(Form with
        {
            Title = new string('T', 100),
            Submit = new string('S', 100),
            Close = new string('C', 100),
            QuestionText = new string('q', 10_000),
            Label = new string('l', 5000),
            Placeholder = new string('p', 500),
            Hint = new string('h', 5000),
            MinLength = 9000,
            MaxLength = 9000,
        });

        BlockKitLimits.AssertValidView(view);
        Assert.Equal(SlackLimits.ViewTitle, ((string)view["title"]!["text"]!).Length);
        Assert.Equal(SlackLimits.ViewSubmit, ((string)view["submit"]!["text"]!).Length);
        Assert.Equal(SlackLimits.ViewClose, ((string)view["close"]!["text"]!).Length);
        var input = view["blocks"]![1]!;
        Assert.Equal(SlackLimits.InputLabel, ((string)input["label"]!["text"]!).Length);
        Assert.Equal(SlackLimits.InputHint, ((string)input["hint"]!["text"]!).Length);
        Assert.Equal(SlackLimits.InputPlaceholder, ((string)input["element"]!["placeholder"]!["text"]!).Length);
        Assert.Equal(3000, (int)input["element"]!["min_length"]!);
        Assert.Equal(3000, (int)input["element"]!["max_length"]!);
    }

    [Theory]
    [InlineData(-5, 0, 0, 1)]
    [InlineData(50, 20, 20, 20)]
    [InlineData(10, 500, 10, 500)]
    public void Build_LengthBounds_ClampedToAValidPair(int min, int max, int expectedMin, int expectedMax)
    {
        var element = SlackAnswerModal.Build(Form with { MinLength = min, MaxLength = max })["blocks"]![1]!["element"]!;

        Assert.Equal(expectedMin, (int)element["min_length"]!);
        Assert.Equal(expectedMax, (int)element["max_length"]!);
    }

    [Fact]
    public void Build_QuestionWithMentions_Escaped()
    {
        var view = SlackAnswerModal.Build(Form with { QuestionText = "Ping <!here> & <@U1>?" });

        BlockKitLimits.AssertValidView(view);
        Assert.Equal("Ping &lt;!here&gt; &amp; &lt;@U1&gt;?", (string?)view["blocks"]![0]!["text"]!["text"]);
    }

    [Fact]
    public void Build_IdentifiersTooLong_RefusedRatherThanCut()
    {
        Assert.Throws<ArgumentException>(() => SlackAnswerModal.Build(Form with { CallbackId = new string('c', 256) }));
        Assert.Throws<ArgumentException>(() => SlackAnswerModal.Build(Form with { CallbackId = "" }));
        Assert.Throws<ArgumentException>(() => SlackAnswerModal.Build(Form with { PrivateMetadata = new string('m', 3001) }));
        BlockKitLimits.AssertValidView(SlackAnswerModal.Build(Form with { CallbackId = new string('c', 255), PrivateMetadata = new string('m', 3000) }));
    }
}
