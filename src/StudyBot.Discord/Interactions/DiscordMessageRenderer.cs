using System.Text.Json.Nodes;
using StudyBot.Core.Actions;
using StudyBot.Core.Commands;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Renders a Core reply as a Discord message: embeds that always fit Discord's limits (long text continues in
/// further embeds, and past 6000 characters it is cut with a note), buttons in action rows, and allowed_mentions
/// set so that nothing in the content can ever ping anyone.
/// </summary>
public static class DiscordMessageRenderer
{
    private const string Cut = "…";
    private const string CutNote = "\n… (shortened to fit Discord)";

    public static JsonObject Render(Reply reply, string? content = null, JsonObject? allowedMentions = null)
    {
        ArgumentNullException.ThrowIfNull(reply);

        // Where no upload goes with the message (a channel post, a DM), a file is shown inline when it fits one embed.
        reply = reply.WithFileInline(DiscordLimits.EmbedDescription - 600);
        var message = new JsonObject
        {
            ["embeds"] = BuildEmbeds(reply),
            ["allowed_mentions"] = allowedMentions ?? new JsonObject { ["parse"] = new JsonArray() },
        };
        if (!string.IsNullOrEmpty(content))
        {
            message["content"] = Truncate(content, DiscordLimits.Content);
        }

        var rows = BuildButtonRows(reply.Buttons);
        if (rows.Count > 0)
        {
            message["components"] = rows;
        }

        if (reply.Visibility == ReplyVisibility.Private)
        {
            message["flags"] = MessageFlag.Ephemeral;
        }

        return message;
    }

    /// <summary>
    /// The message for a reply whose file is uploaded with it (multipart, <see cref="Rest.DiscordApi"/>): the file is
    /// attachments[0] (id "0", the part files[0]) instead of being shown inline. A reply without a file, or with one
    /// larger than Discord takes, renders as <see cref="Render"/> does, with no file to upload.
    /// </summary>
    public static (JsonObject Message, ReplyFile? File) RenderWithFile(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.File is not { } file || file.Content.Length > DiscordLimits.AttachmentBytes)
        {
            return (Render(reply), null);
        }

        var message = Render(reply with { File = null });
        message["attachments"] = new JsonArray(new JsonObject { ["id"] = "0", ["filename"] = file.FileName });
        return (message, file);
    }

    /// <summary>
    /// A message sent into a member's DM on a server's behalf (a reminder with its Answer button): its buttons are bound
    /// to the server, since a press in a DM names none, and it is never ephemeral (that flag is for interaction replies).
    /// </summary>
    public static JsonObject RenderDirect(Reply reply, string serverId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return Render(ActionScope.BindButtons(reply, serverId) with { Visibility = ReplyVisibility.Public });
    }

    private static JsonArray BuildEmbeds(Reply reply)
    {
        var budget = new Budget(DiscordLimits.EmbedTotal - CutNote.Length);
        var color = reply.Tone switch
        {
            ReplyTone.Success => 0x57F287,
            ReplyTone.Problem => 0xED4245,
            _ => 0x5865F2,
        };
        var embeds = new List<JsonObject>();
        var current = NewEmbed(color, budget.Take(Truncate(reply.Title, DiscordLimits.EmbedTitle)));
        embeds.Add(current);

        var chunks = Chunk(reply.Text.Trim(), DiscordLimits.EmbedDescription);
        for (var i = 0; i < chunks.Count && !budget.Exhausted; i++)
        {
            if (i > 0)
            {
                current = NewEmbed(color, null);
                embeds.Add(current);
            }

            current["description"] = budget.Take(chunks[i]);
        }

        var fieldsInEmbed = 0;
        foreach (var field in reply.Fields.SelectMany(SplitField))
        {
            if (budget.Exhausted || embeds.Count > DiscordLimits.Embeds)
            {
                break;
            }

            if (fieldsInEmbed == DiscordLimits.EmbedFields)
            {
                if (embeds.Count == DiscordLimits.Embeds)
                {
                    budget.MarkCut();
                    break;
                }

                current = NewEmbed(color, null);
                embeds.Add(current);
                fieldsInEmbed = 0;
            }

            var name = budget.Take(Truncate(field.Name, DiscordLimits.FieldName));
            var value = budget.Take(field.Value);
            if (name.Length == 0 || value.Length == 0)
            {
                break;
            }

            var fields = current["fields"] as JsonArray ?? [];
            current["fields"] = fields;
            fields.Add(new JsonObject { ["name"] = name, ["value"] = value, ["inline"] = field.Inline });
            fieldsInEmbed++;
        }

        if (budget.WasCut)
        {
            var last = embeds[^1];
            last["footer"] = new JsonObject { ["text"] = CutNote.Trim() };
        }

        // An embed needs a title, description or field; drop any left empty by the budget.
        return [.. embeds.Where(e => e.Count > 1)];
    }

    private static JsonObject NewEmbed(int color, string? title)
    {
        var embed = new JsonObject { ["color"] = color };
        if (!string.IsNullOrEmpty(title))
        {
            embed["title"] = title;
        }

        return embed;
    }

    // A field value longer than Discord allows continues in further fields of the same name.
    private static IEnumerable<ReplyField> SplitField(ReplyField field)
    {
        var value = string.IsNullOrWhiteSpace(field.Value) ? "—" : field.Value.Trim();
        var name = string.IsNullOrWhiteSpace(field.Name) ? "—" : field.Name.Trim();
        var parts = Chunk(value, DiscordLimits.FieldValue);
        for (var i = 0; i < parts.Count; i++)
        {
            yield return new ReplyField(i == 0 ? name : $"{name} (continued)", parts[i], field.Inline);
        }
    }

    private static JsonArray BuildButtonRows(IReadOnlyList<ReplyButton> buttons)
    {
        var rows = new JsonArray();
        foreach (var group in buttons.Take(DiscordLimits.ActionRows * DiscordLimits.ButtonsPerRow).Chunk(DiscordLimits.ButtonsPerRow))
        {
            var components = new JsonArray();
            foreach (var button in group)
            {
                components.Add(new JsonObject
                {
                    ["type"] = (int)ComponentType.Button,
                    ["style"] = (int)ButtonStyle.Primary,
                    ["label"] = Truncate(button.Label, DiscordLimits.ButtonLabel),
                    ["custom_id"] = Truncate(button.ActionId, DiscordLimits.CustomId),
                });
            }

            rows.Add(new JsonObject { ["type"] = (int)ComponentType.ActionRow, ["components"] = components });
        }

        return rows;
    }

    /// <summary>Splits text into pieces of at most <paramref name="size"/> characters, at line breaks where possible.</summary>
    internal static List<string> Chunk(string text, int size)
    {
        var chunks = new List<string>();
        var rest = text;
        while (rest.Length > size)
        {
            var cut = rest.LastIndexOf('\n', size - 1);
            if (cut < size / 2)
            {
                cut = size;
            }

            chunks.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Length > 0)
        {
            chunks.Add(rest);
        }

        return chunks;
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - Cut.Length)] + Cut;

    /// <summary>The characters left of the 6000 Discord counts across all embeds of a message.</summary>
    private sealed class Budget(int total)
    {
        private int left = total;

        public bool Exhausted => left <= 0;

        public bool WasCut { get; private set; }

        public void MarkCut() => WasCut = true;

        public string Take(string text)
        {
            if (text.Length <= left)
            {
                left -= text.Length;
                return text;
            }

            WasCut = true;
            var taken = left > Cut.Length ? text[..(left - Cut.Length)] + Cut : "";
            left = 0;
            return taken;
        }
    }
}
