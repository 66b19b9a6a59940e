using System.Text.Json.Nodes;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

/// <summary>Each documented limit once just inside (no finding) and once just outside (one rejection at the right pointer).</summary>
public sealed class BlockKitValidatorTests
{
    public static TheoryData<string, int, string> MessageLimits => new()
    {
        // name, the limit, the pointer the first rejection names
        { "blocks per message", 50, "/blocks" },
        { "section text", 3000, "/blocks/0/text/text" },
        { "section fields", 10, "/blocks/0/fields" },
        { "section field text", 2000, "/blocks/0/fields/0/text" },
        { "header text", 150, "/blocks/0/text/text" },
        { "button text", 75, "/blocks/0/elements/0/text/text" },
        { "button action_id", 255, "/blocks/0/elements/0/action_id" },
        { "button value", 2000, "/blocks/0/elements/0/value" },
        { "actions elements", 25, "/blocks/0/elements" },
        { "block_id", 255, "/blocks/0/block_id" },
        { "context elements", 10, "/blocks/0/elements" },
    };

    public static TheoryData<string, int, string> ViewLimits => new()
    {
        { "modal blocks", 100, "/view/blocks" },
        { "modal title", 24, "/view/title/text" },
        { "modal submit", 24, "/view/submit/text" },
        { "modal close", 24, "/view/close/text" },
        { "callback_id", 255, "/view/callback_id" },
        { "private_metadata", 3000, "/view/private_metadata" },
        { "input max_length", 3000, "/view/blocks/0/element/max_length" },
        { "input min_length", 3000, "/view/blocks/0/element/min_length" },
        { "input label", 2000, "/view/blocks/0/label/text" },
    };

    public static TheoryData<string, int> MessageSizes => Sizes(MessageLimits);

    public static TheoryData<string, int> ViewSizes => Sizes(ViewLimits);

    [Theory]
    [MemberData(nameof(MessageSizes))]
    public void ValidateMessage_AtLimit_NoFindings(string limit, int size)
    {
        Assert.Empty(BlockKitValidator.ValidateMessage("test", Message(limit, size)));
    }

    [Theory]
    [MemberData(nameof(MessageLimits))]
    public void ValidateMessage_OverLimit_RejectedAtPointer(string limit, int size, string where)
    {
        var found = BlockKitValidator.ValidateMessage("test", Message(limit, size + 1));

        var rejected = Assert.Single(found, v => v.Kind == ViolationKind.Rejected);
        Assert.Equal(where, rejected.JsonPointer);
    }

    [Theory]
    [MemberData(nameof(ViewSizes))]
    public void ValidateView_AtLimit_NoFindings(string limit, int size)
    {
        Assert.Empty(BlockKitValidator.ValidateView("test", View(limit, size)));
    }

    [Theory]
    [MemberData(nameof(ViewLimits))]
    public void ValidateView_OverLimit_RejectedAtPointer(string limit, int size, string where)
    {
        var found = BlockKitValidator.ValidateView("test", View(limit, size + 1));

        Assert.Equal(where, Assert.Single(found, v => v.Kind == ViolationKind.Rejected).JsonPointer);
    }

    [Fact]
    public void ValidateView_InputWithoutSubmit_Rejected()
    {
        var view = View("modal title", 5);
        view.Remove("submit");

        Assert.Equal("/view/submit", Assert.Single(BlockKitValidator.ValidateView("test", view)).JsonPointer);
    }

    [Fact]
    public void ValidateMessage_DuplicateBlockIds_Rejected()
    {
        var message = Message("section text", 1);
        var blocks = (JsonArray)message["blocks"]!;
        blocks[0]!["block_id"] = "same";
        blocks.Add(new JsonObject { ["type"] = "divider", ["block_id"] = "same" });

        Assert.Equal("/blocks/1/block_id", Assert.Single(BlockKitValidator.ValidateMessage("test", message)).JsonPointer);
    }

    [Fact]
    public void ValidateMessage_HeaderInMrkdwn_Rejected()
    {
        var message = new JsonObject
        {
            ["text"] = "t",
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "header", ["text"] = Mrkdwn("*bold*") }),
        };

        Assert.Equal("/blocks/0/text/type", Assert.Single(BlockKitValidator.ValidateMessage("test", message)).JsonPointer);
    }

    [Fact]
    public void ValidateMessage_UnknownBlockType_Rejected()
    {
        var message = new JsonObject { ["text"] = "t", ["blocks"] = new JsonArray(new JsonObject { ["type"] = "carousel" }) };

        Assert.Equal(ViolationKind.Rejected, Assert.Single(BlockKitValidator.ValidateMessage("test", message)).Kind);
    }

    [Theory]
    [InlineData(4000, 0)]
    [InlineData(4001, 1)]
    [InlineData(40_001, 1)]
    public void ValidateMessage_LongTopLevelText_AdviceNotRejection(int length, int expected)
    {
        var found = BlockKitValidator.ValidateMessage("test", new JsonObject { ["text"] = new string('a', length) });

        Assert.Equal(expected, found.Count(v => v.Kind == ViolationKind.Advice));
        Assert.DoesNotContain(found, v => v.Kind == ViolationKind.Rejected);
    }

    [Theory]
    [InlineData("<!channel>", 1)]
    [InlineData("<!here|here>", 1)]
    [InlineData("<!everyone>", 1)]
    [InlineData("<!subteam^S0123|@team>", 1)]
    [InlineData("<@U0123ABC> and <@W999>", 2)]
    [InlineData("&lt;!channel&gt; <#C0123|study> <!date^1700000000^{date}|today> @here", 0)]
    public void FindMentions_Text_CountsPings(string text, int expected)
    {
        Assert.Equal(expected, BlockKitValidator.FindMentions(text).Count);
    }

    [Fact]
    public void ValidateMessage_RichTextBroadcast_Mention()
    {
        var richText = new JsonObject
        {
            ["type"] = "rich_text",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "rich_text_section",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "broadcast", ["range"] = "channel" }),
            }),
        };

        var found = BlockKitValidator.ValidateMessage("test", new JsonObject { ["text"] = "t", ["blocks"] = new JsonArray(richText) });

        Assert.Equal(ViolationKind.Mention, Assert.Single(found).Kind);
    }

    [Fact]
    public void ValidateMessage_ParseFullAndLinkNames_Advice()
    {
        var found = BlockKitValidator.ValidateMessage("test", new JsonObject { ["text"] = "t", ["parse"] = "full", ["link_names"] = true });

        Assert.Equal(["/parse", "/link_names"], found.Where(v => v.Kind == ViolationKind.Advice).Select(v => v.JsonPointer));
    }

    private static TheoryData<string, int> Sizes(TheoryData<string, int, string> limits)
    {
        var sizes = new TheoryData<string, int>();
        foreach (var row in limits)
        {
            sizes.Add((string)row[0], (int)row[1]);
        }

        return sizes;
    }

    private static JsonObject Message(string limit, int n)
    {
        JsonNode block = limit switch
        {
            "section text" => new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(new string('a', n)) },
            "section fields" => new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)Mrkdwn("f"))]) },
            "section field text" => new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(Mrkdwn(new string('a', n))) },
            "header text" => new JsonObject { ["type"] = "header", ["text"] = Plain(new string('a', n)) },
            "button text" => Actions(Button(text: new string('a', n))),
            "button action_id" => Actions(Button(actionId: new string('a', n))),
            "button value" => Actions(Button(value: new string('a', n))),
            "actions elements" => Actions([.. Enumerable.Range(0, n).Select(i => Button(actionId: $"b{i}"))]),
            "block_id" => new JsonObject { ["type"] = "divider", ["block_id"] = new string('a', n) },
            "context elements" => new JsonObject { ["type"] = "context", ["elements"] = new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)Mrkdwn("c"))]) },
            _ => new JsonObject { ["type"] = "divider" },
        };
        var blocks = limit == "blocks per message"
            ? new JsonArray([.. Enumerable.Range(0, n).Select(i => (JsonNode)new JsonObject { ["type"] = "divider" })])
            : new JsonArray(block);
        return new JsonObject { ["text"] = "fallback", ["blocks"] = blocks };
    }

    private static JsonObject View(string limit, int n)
    {
        var element = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "text" };
        var input = new JsonObject { ["type"] = "input", ["block_id"] = "answer", ["label"] = Plain("Answer"), ["element"] = element };
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["title"] = Plain("Daily question"),
            ["submit"] = Plain("Send"),
            ["close"] = Plain("Cancel"),
            ["callback_id"] = "answer_v1",
            ["blocks"] = new JsonArray(input),
        };
        switch (limit)
        {
            case "modal blocks":
                var blocks = (JsonArray)view["blocks"]!;
                for (var i = 1; i < n; i++)
                {
                    blocks.Add(new JsonObject { ["type"] = "divider" });
                }

                break;
            case "modal title":
                view["title"] = Plain(new string('a', n));
                break;
            case "modal submit":
                view["submit"] = Plain(new string('a', n));
                break;
            case "modal close":
                view["close"] = Plain(new string('a', n));
                break;
            case "callback_id":
                view["callback_id"] = new string('a', n);
                break;
            case "private_metadata":
                view["private_metadata"] = new string('a', n);
                break;
            case "input max_length":
                element["max_length"] = n;
                break;
            case "input min_length":
                element["min_length"] = n;
                element["max_length"] = 3000;
                break;
            case "input label":
                input["label"] = Plain(new string('a', n));
                break;
        }

        return view;
    }

    private static JsonObject Actions(params JsonObject[] elements) =>
        new() { ["type"] = "actions", ["elements"] = new JsonArray([.. elements]) };

    private static JsonObject Button(string text = "Go", string actionId = "go", string? value = null)
    {
        var button = new JsonObject { ["type"] = "button", ["text"] = Plain(text), ["action_id"] = actionId };
        if (value is not null)
        {
            button["value"] = value;
        }

        return button;
    }

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
