using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>How bad a finding is.</summary>
public enum ViolationKind
{
    /// <summary>Slack refuses the body: invalid_blocks (messages) or invalid_arguments (views).</summary>
    Rejected,

    /// <summary>Slack accepts it, but rendered text would notify people: &lt;!channel&gt;, &lt;!here&gt;, &lt;!everyone&gt;, &lt;!subteam^…&gt; or &lt;@U…&gt;.</summary>
    Mention,

    /// <summary>Slack accepts it, but its docs advise against it (text over 4,000, blocks without fallback text, parse=full …).</summary>
    Advice,
}

/// <summary>One problem found in a body the fake received.</summary>
/// <param name="Source">Where the body came from: a method name, "response_url", or "ack slash_commands" and the like.</param>
/// <param name="JsonPointer">A JSON pointer into the body, as Slack's json-pointer messages use ("/blocks/0/text/text").</param>
public sealed record SlackViolation(string Source, string JsonPointer, string Problem, ViolationKind Kind)
{
    /// <summary>The line Slack puts in response_metadata.messages.</summary>
    public string ToSlackMessage() => $"[ERROR] {Problem} [json-pointer:{JsonPointer}]";

    public override string ToString() => $"{Source} {JsonPointer}: {Problem} ({Kind})";
}

/// <summary>
/// Checks message and modal bodies against Block Kit's documented limits, and finds mentions in rendered text.
/// Sources (see docs/slack-protocol.md for the full citations): BKDOC = docs.slack.dev/reference/block-kit/blocks;
/// MODDOC-V = docs.slack.dev/reference/views/modal-views; PTI = …/block-elements/plain-text-input-element;
/// PSDK/NSDK = the official SDKs' model classes quoted in §6 and §3.2; PMDOC = chat.postMessage's page.
/// </summary>
public static partial class BlockKitValidator
{
    private static readonly HashSet<string> KnownBlockTypes =
        ["section", "divider", "header", "context", "actions", "input", "image", "markdown", "rich_text", "video", "file", "table", "context_actions"];

    /// <summary>A message body: top-level text plus blocks (chat.postMessage/postEphemeral/update, response_url, ack payloads).</summary>
    public static IReadOnlyList<SlackViolation> ValidateMessage(string source, JsonObject message)
    {
        var findings = new Findings(source);
        var text = message["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (text is not null)
        {
            // PMDOC: keep text at most 4,000 characters; beyond 40,000 Slack truncates it. Both accepted, so advice.
            if (text.Length > 40_000)
            {
                findings.Advise("/text", $"is {text.Length} characters: Slack truncates text over 40,000 (PMDOC)");
            }
            else if (text.Length > 4_000)
            {
                findings.Advise("/text", $"is {text.Length} characters: PMDOC asks for at most 4,000");
            }

            findings.ScanMentions("/text", text);
        }

        if (message["blocks"] is JsonArray blocks)
        {
            if (string.IsNullOrEmpty(text) && blocks.Count > 0)
            {
                // PMDOC: with blocks, text is the notification and screen-reader fallback; always send it.
                findings.Advise("/text", "blocks without a top-level text fallback (PMDOC: always send text)");
            }

            // BKDOC: up to 50 blocks in a message.
            CheckBlocks(blocks, "/blocks", 50, findings);
        }
        else if (message["blocks"] is { } other && other.GetValueKind() is not System.Text.Json.JsonValueKind.Null)
        {
            findings.Reject("/blocks", "must be an array");
        }

        if (message["parse"]?.ToString() == "full")
        {
            findings.Advise("/parse", "parse=full: user text could turn into links and mentions (§6)");
        }

        if (message["link_names"] is JsonNode linkNames && linkNames.ToString() is "true" or "1")
        {
            findings.Advise("/link_names", "link_names=true: user group names would notify (§6)");
        }

        if (message["thread_ts"] is JsonValue threadTs && threadTs.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            // NSDK warns on a non-string thread_ts: a float loses the ts's digits.
            findings.Advise("/thread_ts", "is a number; a ts must be sent as a string");
        }

        return findings.All;
    }

    /// <summary>A modal view (views.open, or a response_action update/push in an ack), found at <paramref name="at"/> in its body.</summary>
    public static IReadOnlyList<SlackViolation> ValidateView(string source, JsonObject view, string at = "/view")
    {
        var findings = new Findings(source);
        CheckView(view, at, findings);
        return findings.All;
    }

    private static void CheckView(JsonObject view, string p, Findings findings)
    {
        if (view["type"]?.ToString() != "modal")
        {
            findings.Reject(p + "/type", "must be \"modal\"");
        }

        // MODDOC-V: title, close and submit are plain_text of at most 24 characters; title is required.
        CheckText(view["title"], p + "/title", 24, plainOnly: true, required: true, findings);
        CheckText(view["close"], p + "/close", 24, plainOnly: true, required: false, findings);
        CheckText(view["submit"], p + "/submit", 24, plainOnly: true, required: false, findings);

        // MODDOC-V: private_metadata at most 3000 characters, callback_id at most 255; views.open page: external_id 255.
        CheckLength(view["private_metadata"], p + "/private_metadata", 3000, findings);
        CheckLength(view["callback_id"], p + "/callback_id", 255, findings);
        CheckLength(view["external_id"], p + "/external_id", 255, findings);

        if (view["blocks"] is not JsonArray blocks)
        {
            findings.Reject(p + "/blocks", "is required and must be an array");
            return;
        }

        // MODDOC-V / BKDOC: at most 100 blocks in a modal.
        CheckBlocks(blocks, p + "/blocks", 100, findings);

        // MODDOC-V: submit is required when the view holds an input block.
        if (view["submit"] is null && blocks.OfType<JsonObject>().Any(b => b["type"]?.ToString() == "input"))
        {
            findings.Reject(p + "/submit", "is required when the view contains an input block");
        }
    }

    private static void CheckBlocks(JsonArray blocks, string p, int maxBlocks, Findings findings)
    {
        if (blocks.Count > maxBlocks)
        {
            findings.Reject(p, $"no more than {maxBlocks} items allowed (has {blocks.Count})");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        var markdownTotal = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var bp = $"{p}/{i}";
            if (blocks[i] is not JsonObject block)
            {
                findings.Reject(bp, "must be an object");
                continue;
            }

            var type = block["type"]?.ToString();
            if (type is null || !KnownBlockTypes.Contains(type))
            {
                findings.Reject(bp + "/type", $"unknown block type \"{type}\"");
                continue;
            }

            if (block["block_id"] is JsonNode blockIdNode)
            {
                var blockId = blockIdNode.ToString();
                // BKDOC / PSDK blocks.py:34: block_id at most 255 characters, unique within the message or view (NSDK blocks.ts:46).
                CheckLength(blockIdNode, bp + "/block_id", 255, findings);
                if (!blockIds.Add(blockId))
                {
                    findings.Reject(bp + "/block_id", $"duplicate block_id \"{blockId}\"");
                }
            }

            switch (type)
            {
                case "section":
                    CheckSection(block, bp, findings);
                    break;
                case "header":
                    // PSDK blocks.py:544: header text is plain_text of at most 150 characters.
                    CheckText(block["text"], bp + "/text", 150, plainOnly: true, required: true, findings);
                    break;
                case "context":
                    CheckContext(block, bp, findings);
                    break;
                case "actions":
                    CheckActions(block, bp, findings);
                    break;
                case "input":
                    CheckInput(block, bp, findings);
                    break;
                case "markdown":
                    var markdown = block["text"]?.ToString() ?? "";
                    markdownTotal += markdown.Length;
                    findings.ScanMentions(bp + "/text", markdown);
                    // PSDK blocks.py:584: markdown blocks hold at most 12,000 characters, counted across the payload.
                    if (markdownTotal > 12_000)
                    {
                        findings.Reject(bp + "/text", $"markdown blocks together exceed 12000 characters ({markdownTotal})");
                    }

                    break;
                case "image":
                    CheckImage(block, bp, findings);
                    CheckText(block["title"], bp + "/title", 2000, plainOnly: true, required: false, findings);
                    break;
                case "rich_text":
                    ScanRichText(block, bp, findings);
                    break;
            }
        }
    }

    private static void CheckSection(JsonObject block, string p, Findings findings)
    {
        var fields = block["fields"] as JsonArray;
        if (block["text"] is null && fields is null)
        {
            findings.Reject(p, "a section needs text or fields");
        }

        // PSDK blocks.py:130-131, NSDK blocks.ts:429-436: text 1-3000 characters; at most 10 fields of at most 2000.
        CheckText(block["text"], p + "/text", 3000, plainOnly: false, required: false, findings);
        if (fields is not null)
        {
            if (fields.Count > 10)
            {
                findings.Reject(p + "/fields", $"no more than 10 items allowed (has {fields.Count})");
            }

            for (var i = 0; i < fields.Count; i++)
            {
                CheckText(fields[i], $"{p}/fields/{i}", 2000, plainOnly: false, required: true, findings);
            }
        }

        if (block["accessory"] is JsonObject accessory)
        {
            CheckElement(accessory, p + "/accessory", findings);
        }
    }

    private static void CheckContext(JsonObject block, string p, Findings findings)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0)
        {
            findings.Reject(p + "/elements", "is required and must not be empty");
            return;
        }

        // PSDK blocks.py:342: at most 10 context elements.
        if (elements.Count > 10)
        {
            findings.Reject(p + "/elements", $"no more than 10 items allowed (has {elements.Count})");
        }

        for (var i = 0; i < elements.Count; i++)
        {
            var ep = $"{p}/elements/{i}";
            if (elements[i]?["type"]?.ToString() == "image")
            {
                CheckImage(elements[i] as JsonObject, ep, findings);
            }
            else
            {
                CheckText(elements[i], ep, 3000, plainOnly: false, required: true, findings);
            }
        }
    }

    private static void CheckActions(JsonObject block, string p, Findings findings)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0)
        {
            findings.Reject(p + "/elements", "is required and must not be empty");
            return;
        }

        // PSDK blocks.py:304: at most 25 elements in an actions block.
        if (elements.Count > 25)
        {
            findings.Reject(p + "/elements", $"no more than 25 items allowed (has {elements.Count})");
        }

        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            var ep = $"{p}/elements/{i}";
            if (elements[i] is not JsonObject element)
            {
                findings.Reject(ep, "must be an object");
                continue;
            }

            CheckElement(element, ep, findings);
            // NSDK extensions.ts:13: action_id must be unique within its block.
            if (element["action_id"]?.ToString() is { } actionId && !actionIds.Add(actionId))
            {
                findings.Reject(ep + "/action_id", $"duplicate action_id \"{actionId}\" in this block");
            }
        }
    }

    private static void CheckInput(JsonObject block, string p, Findings findings)
    {
        // PSDK blocks.py:416-417: label and hint are plain_text of at most 2000 characters; label is required.
        CheckText(block["label"], p + "/label", 2000, plainOnly: true, required: true, findings);
        CheckText(block["hint"], p + "/hint", 2000, plainOnly: true, required: false, findings);
        if (block["element"] is JsonObject element)
        {
            CheckElement(element, p + "/element", findings);
        }
        else
        {
            findings.Reject(p + "/element", "is required");
        }
    }

    private static void CheckElement(JsonObject element, string p, Findings findings)
    {
        // PSDK block_elements.py:101 and PTI: action_id at most 255 characters.
        CheckLength(element["action_id"], p + "/action_id", 255, findings);
        switch (element["type"]?.ToString())
        {
            case "button":
                // PSDK block_elements.py:187-189, NSDK block-elements.ts:35-46: text 75, value 2000, url 3000.
                CheckText(element["text"], p + "/text", 75, plainOnly: true, required: true, findings);
                CheckLength(element["value"], p + "/value", 2000, findings);
                CheckLength(element["url"], p + "/url", 3000, findings);
                CheckLength(element["accessibility_label"], p + "/accessibility_label", 75, findings);
                if (element["style"]?.ToString() is { } style && style is not ("primary" or "danger"))
                {
                    findings.Reject(p + "/style", "must be \"primary\" or \"danger\"");
                }

                CheckConfirm(element["confirm"], p + "/confirm", findings);
                break;
            case "plain_text_input":
                // PTI: min_length 0-3000 and max_length 1-3000 inclusive; NSDK block-elements.ts:633; placeholder 150 (§3.2).
                var min = Integer(element["min_length"], p + "/min_length", 0, 3000, findings);
                var max = Integer(element["max_length"], p + "/max_length", 1, 3000, findings);
                if (min is not null && max is not null && min > max)
                {
                    findings.Reject(p + "/min_length", "must not exceed max_length");
                }

                CheckText(element["placeholder"], p + "/placeholder", 150, plainOnly: true, required: false, findings);
                if (element["initial_value"]?.ToString() is { } initial && initial.Length > (max ?? 3000))
                {
                    findings.Reject(p + "/initial_value", $"must be no more than {max ?? 3000} characters (has {initial.Length})");
                }

                break;
            case "static_select" or "multi_static_select" or "overflow" or "radio_buttons" or "checkboxes":
                CheckText(element["placeholder"], p + "/placeholder", 150, plainOnly: true, required: false, findings);
                CheckOptions(element, p, findings);
                CheckConfirm(element["confirm"], p + "/confirm", findings);
                break;
            case "image":
                CheckImage(element, p, findings);
                break;
            case null:
                findings.Reject(p + "/type", "is required");
                break;
        }
    }

    private static void CheckOptions(JsonObject element, string p, Findings findings)
    {
        if (element["options"] is not JsonArray options)
        {
            return;
        }

        // BKDOC element pages: overflow holds 1-5 options, selects up to 100 (checkboxes and radio buttons 10).
        var max = element["type"]?.ToString() switch
        {
            "overflow" => 5,
            "radio_buttons" or "checkboxes" => 10,
            _ => 100,
        };
        if (options.Count > max)
        {
            findings.Reject(p + "/options", $"no more than {max} items allowed (has {options.Count})");
        }

        for (var i = 0; i < options.Count; i++)
        {
            var op = $"{p}/options/{i}";
            // Option object: text at most 75 characters, value at most 150, description at most 75.
            CheckText(options[i]?["text"], op + "/text", 75, plainOnly: false, required: true, findings);
            CheckLength(options[i]?["value"], op + "/value", 150, findings);
            CheckText(options[i]?["description"], op + "/description", 75, plainOnly: false, required: false, findings);
        }
    }

    private static void CheckConfirm(JsonNode? confirm, string p, Findings findings)
    {
        if (confirm is null)
        {
            return;
        }

        // PSDK basic_components.py:431-434: title 100, text 300, confirm 30, deny 30.
        CheckText(confirm["title"], p + "/title", 100, plainOnly: true, required: true, findings);
        CheckText(confirm["text"], p + "/text", 300, plainOnly: false, required: true, findings);
        CheckText(confirm["confirm"], p + "/confirm", 30, plainOnly: true, required: true, findings);
        CheckText(confirm["deny"], p + "/deny", 30, plainOnly: true, required: true, findings);
    }

    private static void CheckImage(JsonObject? image, string p, Findings findings)
    {
        // Image block/element: image_url at most 3000 characters, alt_text required, at most 2000.
        CheckLength(image?["image_url"], p + "/image_url", 3000, findings);
        if (image?["alt_text"] is null)
        {
            findings.Reject(p + "/alt_text", "is required");
        }

        CheckLength(image?["alt_text"], p + "/alt_text", 2000, findings);
    }

    private static void CheckText(JsonNode? node, string p, int maxLength, bool plainOnly, bool required, Findings findings)
    {
        if (node is null)
        {
            if (required)
            {
                findings.Reject(p, "is required");
            }

            return;
        }

        if (node is not JsonObject textObject)
        {
            findings.Reject(p, "must be a text object");
            return;
        }

        var type = textObject["type"]?.ToString();
        if (type is not ("plain_text" or "mrkdwn"))
        {
            findings.Reject(p + "/type", "must be plain_text or mrkdwn");
        }
        else if (plainOnly && type != "plain_text")
        {
            findings.Reject(p + "/type", "must be plain_text");
        }

        var text = textObject["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(text))
        {
            // Text objects need at least one character.
            findings.Reject(p + "/text", "must be at least 1 character");
            return;
        }

        if (text.Length > maxLength)
        {
            findings.Reject(p + "/text", $"must be no more than {maxLength} characters (has {text.Length})");
        }

        findings.ScanMentions(p + "/text", text);
    }

    private static void CheckLength(JsonNode? node, string p, int maxLength, Findings findings)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            findings.Reject(p, "must be a string");
            return;
        }

        if (text.Length > maxLength)
        {
            findings.Reject(p, $"must be no more than {maxLength} characters (has {text.Length})");
        }
    }

    private static int? Integer(JsonNode? node, string p, int min, int max, Findings findings)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<int>(out var number))
        {
            findings.Reject(p, "must be an integer");
            return null;
        }

        if (number < min || number > max)
        {
            findings.Reject(p, $"must be between {min} and {max} (is {number.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }

        return number;
    }

    /// <summary>rich_text carries mentions as elements: broadcast (here/channel/everyone), user and usergroup.</summary>
    private static void ScanRichText(JsonNode? node, string p, Findings findings)
    {
        switch (node)
        {
            case JsonObject obj:
                switch (obj["type"]?.ToString())
                {
                    case "broadcast":
                        findings.Mention(p, $"rich_text broadcast @{obj["range"]}");
                        break;
                    case "user":
                        findings.Mention(p, $"rich_text user mention {obj["user_id"]}");
                        break;
                    case "usergroup":
                        findings.Mention(p, $"rich_text user group mention {obj["usergroup_id"]}");
                        break;
                    case "text":
                        findings.ScanMentions(p + "/text", obj["text"]?.ToString() ?? "");
                        break;
                }

                foreach (var (key, child) in obj)
                {
                    if (child is JsonObject or JsonArray)
                    {
                        ScanRichText(child, $"{p}/{key}", findings);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ScanRichText(array[i], $"{p}/{i}", findings);
                }

                break;
        }
    }

    /// <summary>FMT's mention syntax: special mentions, user group mentions and user mentions (with an optional |label).</summary>
    [GeneratedRegex(@"<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[^>|]+(?:\|[^>]*)?>|<@[UW][A-Za-z0-9]+(?:\|[^>]*)?>")]
    private static partial Regex MentionPattern();

    /// <summary>The mentions FMT defines that <paramref name="text"/> would render as pings.</summary>
    public static IReadOnlyList<string> FindMentions(string text) =>
        [.. MentionPattern().Matches(text).Select(m => m.Value)];

    private sealed class Findings(string source)
    {
        public List<SlackViolation> All { get; } = [];

        public void Reject(string pointer, string problem) => All.Add(new SlackViolation(source, pointer, problem, ViolationKind.Rejected));

        public void Advise(string pointer, string problem) => All.Add(new SlackViolation(source, pointer, problem, ViolationKind.Advice));

        public void Mention(string pointer, string problem) => All.Add(new SlackViolation(source, pointer, problem, ViolationKind.Mention));

        public void ScanMentions(string pointer, string text)
        {
            foreach (var mention in FindMentions(text))
            {
                Mention(pointer, $"mentions {mention}");
            }
        }
    }
}
