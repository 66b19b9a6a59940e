using System.Text.Json.Nodes;
using StudyBot.Core.Commands;

namespace StudyBot.Slack.Blocks;

/// <summary>
/// Renders a Core <see cref="Reply"/> as a Block Kit message that always fits Slack's limits: a header with the title,
/// the text in sections (continued across sections, cut with "…" past the block budget), side-by-side fields for
/// inline fields, a section per other field, and the buttons in actions blocks. Every piece of content is escaped, so
/// nothing in it can mention anyone.
/// </summary>
public static class BlockKitRenderer
{
    public const string CutNote = "… (shortened to fit Slack)";

    /// <summary>The message for chat.postMessage / chat.postEphemeral / chat.update.</summary>
    public static SlackMessage Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);

        // A file (/my-data) is shown as text in a code block when small; no file upload yet.
        reply = reply.WithFileInline(2500);
        var header = Header(reply);
        var buttons = ButtonBlocks(reply.Buttons);
        var content = ContentBlocks(reply);

        // Title and buttons always stay (the buttons do something); the content gets what is left, and a note when cut.
        var budget = SlackLimits.BlocksPerMessage - (header is null ? 0 : 1) - buttons.Count;
        var cut = content.Count > budget;
        var blocks = new JsonArray();
        if (header is not null)
        {
            blocks.Add(header);
        }

        foreach (var block in content.Take(cut ? budget - 1 : budget))
        {
            blocks.Add(block);
        }

        if (cut)
        {
            blocks.Add(Context(CutNote));
        }

        foreach (var block in buttons)
        {
            blocks.Add(block);
        }

        return new SlackMessage(FallbackText(reply), blocks);
    }

    /// <summary>A slash command's answer (ack payload or response_url body): ephemeral for private replies, in_channel for public ones.</summary>
    public static JsonObject RenderCommandResponse(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Render(reply).ToResponse(ephemeral: reply.Visibility == ReplyVisibility.Private);
    }

    /// <summary>
    /// Notification and screen-reader text: title and text, escaped, within Slack's recommended 4,000 characters.
    /// Slack requires some text, so an empty reply still says something.
    /// </summary>
    internal static string FallbackText(Reply reply)
    {
        var plain = string.Join('\n', new[] { reply.Title, reply.Text }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()));
        return SlackText.Mrkdwn(plain.Length > 0 ? plain : "StudyBot", SlackLimits.MessageTextRecommended);
    }

    private static JsonObject? Header(Reply reply)
    {
        if (string.IsNullOrWhiteSpace(reply.Title))
        {
            return null;
        }

        var prefix = reply.Tone switch
        {
            ReplyTone.Success => ":white_check_mark: ",
            ReplyTone.Problem => ":warning: ",
            _ => "",
        };
        return new JsonObject
        {
            ["type"] = "header",
            ["text"] = PlainText(prefix + reply.Title.Trim(), SlackLimits.HeaderText),
        };
    }

    private static List<JsonObject> ContentBlocks(Reply reply)
    {
        var blocks = new List<JsonObject>();
        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            blocks.AddRange(SlackText.Chunk(SlackText.Escape(reply.Text.Trim()), SlackLimits.SectionText).Select(Section));
        }

        var inline = new List<ReplyField>();
        foreach (var field in reply.Fields)
        {
            if (field.Inline)
            {
                inline.Add(field);
                continue;
            }

            FlushInline(blocks, inline);
            blocks.AddRange(FieldSections(field));
        }

        FlushInline(blocks, inline);
        return blocks;
    }

    /// <summary>Consecutive inline fields sit side by side: up to 10 per section, each "*name*\nvalue" within 2,000.</summary>
    private static void FlushInline(List<JsonObject> blocks, List<ReplyField> inline)
    {
        foreach (var group in inline.Chunk(SlackLimits.SectionFields))
        {
            var fields = new JsonArray();
            foreach (var field in group)
            {
                fields.Add(Mrkdwn(FieldText(field, SlackLimits.SectionFieldText)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        inline.Clear();
    }

    /// <summary>A full-width field: "*name*" over its value, continued in further sections when longer than 3,000.</summary>
    private static IEnumerable<JsonObject> FieldSections(ReplyField field)
    {
        var name = Name(field);
        var value = SlackText.Escape(Value(field));
        var room = SlackLimits.SectionText - name.Length - 20; // "*name (continued)*\n"
        var parts = SlackText.Chunk(value, Math.Max(room, SlackLimits.SectionText / 2));
        for (var i = 0; i < parts.Count; i++)
        {
            var title = i == 0 ? name : name + " (continued)";
            yield return Section(SlackText.Truncate($"*{title}*\n{parts[i]}", SlackLimits.SectionText));
        }
    }

    private static string FieldText(ReplyField field, int max) => SlackText.Truncate($"*{Name(field)}*\n{SlackText.Escape(Value(field))}", max);

    // A name is a short label: cut it so that the value keeps most of the room.
    private static string Name(ReplyField field) =>
        SlackText.Mrkdwn(string.IsNullOrWhiteSpace(field.Name) ? "—" : field.Name.Trim(), SlackLimits.HeaderText);

    private static string Value(ReplyField field) => string.IsNullOrWhiteSpace(field.Value) ? "—" : field.Value.Trim();

    /// <summary>Buttons in actions blocks of up to 25; value carries the Core action id, action_id the same, made unique per block.</summary>
    private static List<JsonObject> ButtonBlocks(IReadOnlyList<ReplyButton> buttons)
    {
        var blocks = new List<JsonObject>();
        foreach (var group in buttons.Chunk(SlackLimits.ActionsElements))
        {
            var elements = new JsonArray();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var button in group)
            {
                elements.Add(Button(button.Label, button.ActionId, used));
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
        }

        return blocks;
    }

    /// <summary>A button; <paramref name="used"/> holds the action_ids already in its block (Slack wants them unique there).</summary>
    internal static JsonObject Button(string label, string action, HashSet<string> used, string? style = null)
    {
        var actionId = SlackText.Truncate(action.Length > 0 ? action : "button", SlackLimits.ActionId);
        for (var n = 2; !used.Add(actionId); n++)
        {
            var suffix = "~" + n;
            actionId = SlackText.Truncate(action, SlackLimits.ActionId - suffix.Length) + suffix;
        }

        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(string.IsNullOrWhiteSpace(label) ? "…" : label.Trim(), SlackLimits.ButtonText),
            ["action_id"] = actionId,
            ["value"] = SlackText.Truncate(action.Length > 0 ? action : "button", SlackLimits.ButtonValue),
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }

    internal static JsonObject Section(string escapedMrkdwn) =>
        new() { ["type"] = "section", ["text"] = Mrkdwn(escapedMrkdwn) };

    internal static JsonObject Context(string escapedMrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(SlackText.Truncate(escapedMrkdwn, SlackLimits.ContextText))) };

    internal static JsonObject Mrkdwn(string escaped) => new() { ["type"] = "mrkdwn", ["text"] = escaped };

    /// <summary>
    /// plain_text is shown as it is: Slack never turns it into mentions or links, so it is cut but not escaped
    /// (escaping would show "&amp;amp;" where the content has "&amp;").
    /// </summary>
    internal static JsonObject PlainText(string text, int max) =>
        new() { ["type"] = "plain_text", ["text"] = SlackText.Truncate(text, max), ["emoji"] = true };
}
