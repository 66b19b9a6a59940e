using System.Text.Json.Nodes;
using StudyBot.Core.Commands;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Tests.Blocks;

public class BlockKitRendererTests
{
    private const string Mentions = "<!channel> <!here> <!everyone> <@U012AB3CD> <#C1|general> <!subteam^S1> <https://evil.test|click> & &amp;";

    [Fact]
    public void Render_Reply_HeaderTextFieldsAndButtonsInOrder()
    {
        var reply = new Reply(
            "Roadmap",
            "Four phases.",
            [new ReplyField("Phase 1", "Foundations", Inline: true), new ReplyField("Phase 2", "Core ML", Inline: true), new ReplyField("Total", "8–14 months")],
            [new ReplyButton("Answer", "answer:42")],
            ReplyVisibility.Public,
            ReplyTone.Info);

        var message = BlockKitRenderer.Render(reply);

        BlockKitLimits.AssertValidMessage(message);
        var types = message.Blocks.Select(b => (string?)b!["type"]).ToList();
        Assert.Equal(["header", "section", "section", "section", "actions"], types);
        Assert.Equal("Roadmap", (string?)message.Blocks[0]!["text"]!["text"]);
        Assert.Equal("Four phases.", (string?)message.Blocks[1]!["text"]!["text"]);
        var fields = (JsonArray)message.Blocks[2]!["fields"]!;
        Assert.Equal("*Phase 1*\nFoundations", (string?)fields[0]!["text"]);
        Assert.Equal("*Total*\n8–14 months", (string?)message.Blocks[3]!["text"]!["text"]);
        var button = message.Blocks[4]!["elements"]![0]!;
        Assert.Equal("answer:42", (string?)button["action_id"]);
        Assert.Equal("answer:42", (string?)button["value"]);
        Assert.Equal("Answer", (string?)button["text"]!["text"]);
        Assert.Equal("Roadmap\nFour phases.", message.Text);
    }

    [Fact]
    public void Render_ContentFullOfMentions_NoMrkdwnCanMentionAnyone()
    {
        var reply = new Reply(
            Mentions,
            Mentions,
            [new ReplyField(Mentions, Mentions, Inline: true), new ReplyField(Mentions, Mentions)],
            [new ReplyButton(Mentions, "answer:1")],
            ReplyVisibility.Public,
            ReplyTone.Problem);

        var message = BlockKitRenderer.Render(reply);

        // Every mrkdwn piece and the notification text pass the escaping check; plain_text never makes mentions.
        BlockKitLimits.AssertValidMessage(message);
        Assert.Contains("&lt;!channel&gt;", (string?)message.Blocks[1]!["text"]!["text"], StringComparison.Ordinal);
        Assert.Contains("&amp;amp;", message.Text, StringComparison.Ordinal);
        // The raw text survives only in plain_text (header, button label), which Slack never turns into mentions.
        var holders = TextObjects(message.ToJson()).Where(t => ((string)t["text"]!).Contains('<', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(holders);
        Assert.All(holders, t => Assert.Equal("plain_text", (string?)t["type"]));
    }

    [Fact]
    public void Render_TitleOverTheHeaderLimit_CutWithAnEllipsis()
    {
        var message = BlockKitRenderer.Render(Reply.Info(new string('t', 400), "x"));

        BlockKitLimits.AssertValidMessage(message);
        var header = (string)message.Blocks[0]!["text"]!["text"]!;
        Assert.Equal(SlackLimits.HeaderText, header.Length);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextOverASection_ContinuesInMoreSectionsWithNothingLost()
    {
        var lines = Enumerable.Range(0, 400).Select(i => $"line {i:000} of the roadmap text").ToList();
        var text = string.Join('\n', lines);

        var message = BlockKitRenderer.Render(Reply.Info("Roadmap", text));

        BlockKitLimits.AssertValidMessage(message);
        var sections = message.Blocks.Skip(1).Select(b => (string)b!["text"]!["text"]!).ToList();
        Assert.True(sections.Count > 1);
        Assert.Equal(lines, sections.SelectMany(s => s.Split('\n')).ToList());
    }

    [Fact]
    public void Render_TextBeyondFiftyBlocks_KeepsTitleAndButtonsAndSaysItWasShortened()
    {
        var reply = Reply.Info("Huge", new string('x', 60 * SlackLimits.SectionText)).WithButtons(new ReplyButton("Answer", "answer:7"));

        var message = BlockKitRenderer.Render(reply);

        BlockKitLimits.AssertValidMessage(message);
        Assert.Equal(SlackLimits.BlocksPerMessage, message.Blocks.Count);
        Assert.Equal("header", (string?)message.Blocks[0]!["type"]);
        Assert.Equal("actions", (string?)message.Blocks[^1]!["type"]);
        Assert.Equal(BlockKitRenderer.CutNote, (string?)message.Blocks[^2]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void Render_ElevenInlineFieldsWithOversizeValues_SectionsOfTenFieldsEachWithin2000()
    {
        var fields = Enumerable.Range(0, 11).Select(i => new ReplyField($"Field {i}", new string('v', 5000), Inline: true)).ToArray();

        var message = BlockKitRenderer.Render(Reply.Info("Fields", "", fields));

        BlockKitLimits.AssertValidMessage(message);
        var sections = message.Blocks.Where(b => b!["fields"] is not null).Select(b => (JsonArray)b!["fields"]!).ToList();
        Assert.Equal([10, 1], sections.Select(f => f.Count));
        Assert.All(sections.SelectMany(f => f), f => Assert.EndsWith("…", (string)f!["text"]!, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LongFullWidthField_ContinuedUnderTheSameName()
    {
        var message = BlockKitRenderer.Render(Reply.Info("T", "", new ReplyField("Key services", new string('s', 7000))));

        BlockKitLimits.AssertValidMessage(message);
        var texts = message.Blocks.Skip(1).Select(b => (string)b!["text"]!["text"]!).ToList();
        Assert.Equal(3, texts.Count);
        Assert.StartsWith("*Key services*\n", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("*Key services (continued)*\n", texts[1], StringComparison.Ordinal);
        Assert.Equal(7000, texts.Sum(t => t[(t.IndexOf('\n', StringComparison.Ordinal) + 1)..].Length));
    }

    [Fact]
    public void Render_ButtonsOverEveryLimit_CutToFit()
    {
        var buttons = Enumerable.Range(0, 30)
            .Select(i => new ReplyButton(new string('L', 200), $"action:{i}:" + new string('a', 3000)))
            .ToArray();

        var message = BlockKitRenderer.Render(Reply.Info("Buttons", "x").WithButtons(buttons));

        BlockKitLimits.AssertValidMessage(message);
        var actions = message.Blocks.Where(b => (string?)b!["type"] == "actions").Select(b => (JsonArray)b!["elements"]!).ToList();
        Assert.Equal([25, 5], actions.Select(a => a.Count));
        var first = actions[0][0]!;
        Assert.Equal(SlackLimits.ButtonText, ((string)first["text"]!["text"]!).Length);
        Assert.Equal(SlackLimits.ActionId, ((string)first["action_id"]!).Length);
        Assert.Equal(SlackLimits.ButtonValue, ((string)first["value"]!).Length);
    }

    [Fact]
    public void Render_TwoButtonsWithOneAction_ActionIdsMadeUniqueValuesKept()
    {
        var message = BlockKitRenderer.Render(Reply.Info("T", "x").WithButtons(new ReplyButton("A", "answer:1"), new ReplyButton("B", "answer:1")));

        BlockKitLimits.AssertValidMessage(message);
        var buttons = (JsonArray)message.Blocks[^1]!["elements"]!;
        Assert.Equal(["answer:1", "answer:1~2"], buttons.Select(b => (string?)b!["action_id"]));
        Assert.Equal(["answer:1", "answer:1"], buttons.Select(b => (string?)b!["value"]));
    }

    [Fact]
    public void Render_FallbackText_CutToTheRecommendedLength()
    {
        var message = BlockKitRenderer.Render(Reply.Info("T", new string('&', 10_000)));

        BlockKitLimits.AssertValidMessage(message);
        Assert.True(message.Text.Length <= SlackLimits.MessageTextRecommended);
        Assert.EndsWith("&amp;…", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyReply_StillValid()
    {
        var message = BlockKitRenderer.Render(new Reply("", " ", [new ReplyField("", "")], [], ReplyVisibility.Public, ReplyTone.Info));

        BlockKitLimits.AssertValidMessage(message);
        Assert.Equal("StudyBot", message.Text);
        Assert.Equal("*—*\n—", (string?)message.Blocks[0]!["text"]!["text"]);
    }

    [Theory]
    [InlineData(ReplyTone.Info, "Title")]
    [InlineData(ReplyTone.Success, ":white_check_mark: Title")]
    [InlineData(ReplyTone.Problem, ":warning: Title")]
    public void Render_Tone_ShowsInTheHeader(ReplyTone tone, string header)
    {
        var message = BlockKitRenderer.Render(new Reply("Title", "x", [], [], ReplyVisibility.Public, tone));

        Assert.Equal(header, (string?)message.Blocks[0]!["text"]!["text"]);
    }

    [Theory]
    [InlineData(ReplyVisibility.Private, "ephemeral")]
    [InlineData(ReplyVisibility.Public, "in_channel")]
    public void RenderCommandResponse_Visibility_BecomesTheResponseType(ReplyVisibility visibility, string responseType)
    {
        var response = BlockKitRenderer.RenderCommandResponse(Reply.Info("T", "x") with { Visibility = visibility });

        Assert.Equal(responseType, (string?)response["response_type"]);
        Assert.Equal("T\nx", (string?)response["text"]);
        Assert.NotNull(response["blocks"]);
    }

    private static IEnumerable<JsonObject> TextObjects(JsonNode? node) => node switch
    {
        JsonObject o when o["text"] is JsonValue && o["type"] is JsonValue => [o, .. o.SelectMany(p => TextObjects(p.Value))],
        JsonObject o => o.SelectMany(p => TextObjects(p.Value)),
        JsonArray a => a.SelectMany(TextObjects),
        _ => [],
    };
}
