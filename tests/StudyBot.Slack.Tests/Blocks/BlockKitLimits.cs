using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Tests.Blocks;

/// <summary>
/// Checks a rendered message or view against Slack's documented Block Kit limits (slack-protocol.md §3.2, §6) and
/// checks that no mrkdwn text can mention anyone: no raw &lt; or &gt;, and every &amp; starts an escape.
/// </summary>
internal static partial class BlockKitLimits
{
    public static void AssertValidMessage(SlackMessage message)
    {
        Assert.InRange(message.Text.Length, 1, SlackLimits.MessageTextRecommended);
        AssertSafeMrkdwn(message.Text);
        AssertValidBlocks(message.Blocks, SlackLimits.BlocksPerMessage);
    }

    public static void AssertValidView(JsonObject view)
    {
        Assert.Equal("modal", (string?)view["type"]);
        AssertPlainText(view["title"], SlackLimits.ViewTitle);
        AssertPlainText(view["submit"], SlackLimits.ViewSubmit);
        AssertPlainText(view["close"], SlackLimits.ViewClose);
        Assert.InRange(((string?)view["callback_id"])!.Length, 1, SlackLimits.ViewCallbackId);
        Assert.InRange(((string?)view["private_metadata"])!.Length, 0, SlackLimits.ViewPrivateMetadata);
        AssertValidBlocks((JsonArray)view["blocks"]!, SlackLimits.BlocksPerView);
    }

    public static void AssertValidBlocks(JsonArray blocks, int maxBlocks)
    {
        Assert.InRange(blocks.Count, 1, maxBlocks);
        var blockIds = new HashSet<string>();
        foreach (var block in blocks.Cast<JsonObject>())
        {
            if ((string?)block["block_id"] is { } blockId)
            {
                Assert.InRange(blockId.Length, 1, SlackLimits.BlockId);
                Assert.True(blockIds.Add(blockId), $"block_id {blockId} twice");
            }

            switch ((string?)block["type"])
            {
                case "header":
                    AssertPlainText(block["text"], SlackLimits.HeaderText);
                    break;
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null, "a section needs text or fields");
                    if (block["text"] is { } text)
                    {
                        AssertMrkdwn(text, SlackLimits.SectionText);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.InRange(fields.Count, 1, SlackLimits.SectionFields);
                        Assert.All(fields, f => AssertMrkdwn(f, SlackLimits.SectionFieldText));
                    }

                    break;
                case "context":
                    var elements = (JsonArray)block["elements"]!;
                    Assert.InRange(elements.Count, 1, SlackLimits.ContextElements);
                    Assert.All(elements, e => AssertMrkdwn(e, SlackLimits.ContextText));
                    break;
                case "actions":
                    var buttons = (JsonArray)block["elements"]!;
                    Assert.InRange(buttons.Count, 1, SlackLimits.ActionsElements);
                    var actionIds = new HashSet<string>();
                    foreach (var button in buttons.Cast<JsonObject>())
                    {
                        Assert.Equal("button", (string?)button["type"]);
                        AssertPlainText(button["text"], SlackLimits.ButtonText);
                        var actionId = (string)button["action_id"]!;
                        Assert.InRange(actionId.Length, 1, SlackLimits.ActionId);
                        Assert.True(actionIds.Add(actionId), $"action_id {actionId} twice in one block");
                        Assert.InRange(((string)button["value"]!).Length, 1, SlackLimits.ButtonValue);
                    }

                    break;
                case "input":
                    AssertPlainText(block["label"], SlackLimits.InputLabel);
                    if (block["hint"] is { } hint)
                    {
                        AssertPlainText(hint, SlackLimits.InputHint);
                    }

                    var element = (JsonObject)block["element"]!;
                    Assert.Equal("plain_text_input", (string?)element["type"]);
                    var min = (int)element["min_length"]!;
                    var max = (int)element["max_length"]!;
                    Assert.InRange(min, 0, SlackLimits.PlainTextInputLength);
                    Assert.InRange(max, 1, SlackLimits.PlainTextInputLength);
                    Assert.True(min <= max, $"min_length {min} > max_length {max}");
                    if (element["placeholder"] is { } placeholder)
                    {
                        AssertPlainText(placeholder, SlackLimits.InputPlaceholder);
                    }

                    break;
                default:
                    Assert.Fail($"unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    /// <summary>No &lt; or &gt; at all, and every &amp; is one of the three escapes: nothing can become a mention or a link.</summary>
    public static void AssertSafeMrkdwn(string text)
    {
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        Assert.False(LooseAmpersand().IsMatch(text), $"an unescaped & in: {text}");
    }

    private static void AssertMrkdwn(JsonNode? node, int max)
    {
        Assert.Equal("mrkdwn", (string?)node!["type"]);
        var text = (string)node["text"]!;
        Assert.InRange(text.Length, 1, max);
        AssertSafeMrkdwn(text);
    }

    private static void AssertPlainText(JsonNode? node, int max)
    {
        Assert.Equal("plain_text", (string?)node!["type"]);
        Assert.InRange(((string)node["text"]!).Length, 1, max);
    }

    [GeneratedRegex("&(?!amp;|lt;|gt;)")]
    private static partial Regex LooseAmpersand();
}
