using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// Limits Discord's docs state that the OpenAPI spec does not carry (or carries more loosely), plus our own rule
/// that every message-creating request says allowed_mentions explicitly. Returns readable problems, empty when fine.
/// </summary>
public static partial class DiscordLimitsValidator
{
    public static IReadOnlyList<string> Validate(string method, string path, JsonNode? body)
    {
        var problems = new List<string>();
        var s = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (method, s)
        {
            case ("POST", ["channels", _, "messages"]):
                CheckMessage(body as JsonObject, "", mustSayMentions: true, problems);
                if (body?["nonce"] is JsonValue nonce && nonce.ToString().Length > 25)
                {
                    problems.Add("/nonce: longer than 25 characters");
                }

                break;
            case ("POST", ["webhooks", _, _]):
                CheckMessage(body as JsonObject, "", mustSayMentions: true, problems);
                break;
            case ("PATCH", ["webhooks", _, _, "messages", _]):
                CheckMessage(body as JsonObject, "", mustSayMentions: body?["content"] is not null, problems);
                break;
            case ("POST", ["interactions", _, _, "callback"]):
                CheckCallback(body as JsonObject, problems);
                break;
            case ("PUT", ["applications", _, "commands"] or ["applications", _, "guilds", _, "commands"]):
                if (body is JsonArray commands)
                {
                    for (var i = 0; i < commands.Count; i++)
                    {
                        CheckCommand(commands[i] as JsonObject, $"/{i}", problems);
                    }
                }

                break;
            case ("POST", ["channels", _, "messages", _, "threads"]):
                CheckLength(body?["name"], 1, 100, "/name", problems);
                break;
        }

        return problems;
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex CommandName();

    private static void CheckCallback(JsonObject? body, List<string> problems)
    {
        var type = body?["type"] is JsonValue t && t.TryGetValue<int>(out var value) ? value : 0;
        var data = body?["data"] as JsonObject;
        switch (type)
        {
            case 4:
                CheckMessage(data, "/data", mustSayMentions: true, problems);
                break;
            case 7:
                CheckMessage(data, "/data", mustSayMentions: data?["content"] is not null, problems);
                break;
            case 8:
                CheckChoices(data?["choices"] as JsonArray, "/data/choices", problems);
                break;
            case 9:
                CheckLength(data?["title"], 1, 45, "/data/title", problems);
                CheckLength(data?["custom_id"], 1, 100, "/data/custom_id", problems);
                if (data?["components"] is JsonArray { Count: > 5 })
                {
                    problems.Add("/data/components: a modal holds at most 5 components");
                }

                break;
        }
    }

    private static void CheckMessage(JsonObject? message, string at, bool mustSayMentions, List<string> problems)
    {
        if (message is null)
        {
            return;
        }

        CheckLength(message["content"], 0, 2000, at + "/content", problems);
        if (message["embeds"] is JsonArray embeds)
        {
            if (embeds.Count > 10)
            {
                problems.Add($"{at}/embeds: {embeds.Count} embeds, at most 10");
            }

            var total = 0;
            for (var i = 0; i < embeds.Count; i++)
            {
                total += CheckEmbed(embeds[i] as JsonObject, $"{at}/embeds/{i}", problems);
            }

            if (total > 6000)
            {
                problems.Add($"{at}/embeds: {total} characters across all embeds, at most 6000");
            }
        }

        var componentsV2 = message["flags"] is JsonValue f && f.TryGetValue<long>(out var flags) && (flags & 32768) != 0;
        if (message["components"] is JsonArray rows && !componentsV2)
        {
            if (rows.Count > 5)
            {
                problems.Add($"{at}/components: {rows.Count} action rows, at most 5");
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i]?["components"] is JsonArray row)
                {
                    var buttons = row.Count(c => c?["type"]?.GetValue<int>() == 2);
                    if (buttons > 5)
                    {
                        problems.Add($"{at}/components/{i}: {buttons} buttons in a row, at most 5");
                    }

                    if (buttons < row.Count && row.Count > 1)
                    {
                        problems.Add($"{at}/components/{i}: a select menu must be alone in its row");
                    }
                }
            }
        }

        CheckComponentTree(message["components"], at + "/components", problems);

        if (message["allowed_mentions"] is JsonObject mentions)
        {
            var parse = (mentions["parse"] as JsonArray)?.Select(p => p?.ToString()).ToList() ?? [];
            foreach (var kind in new[] { "users", "roles" })
            {
                if (parse.Contains(kind) && mentions[kind] is JsonArray { Count: > 0 })
                {
                    problems.Add($"{at}/allowed_mentions: parse:[\"{kind}\"] together with a {kind} list (Discord answers 400)");
                }
            }
        }
        else if (mustSayMentions)
        {
            problems.Add($"{at}/allowed_mentions: missing; a message must say whom it may ping");
        }
    }

    private static int CheckEmbed(JsonObject? embed, string at, List<string> problems)
    {
        if (embed is null)
        {
            return 0;
        }

        var total = CheckLength(embed["title"], 0, 256, at + "/title", problems)
            + CheckLength(embed["description"], 0, 4096, at + "/description", problems)
            + CheckLength(embed["footer"]?["text"], 0, 2048, at + "/footer/text", problems)
            + CheckLength(embed["author"]?["name"], 0, 256, at + "/author/name", problems);
        if (embed["fields"] is JsonArray fields)
        {
            if (fields.Count > 25)
            {
                problems.Add($"{at}/fields: {fields.Count} fields, at most 25");
            }

            for (var i = 0; i < fields.Count; i++)
            {
                total += CheckLength(fields[i]?["name"], 0, 256, $"{at}/fields/{i}/name", problems)
                    + CheckLength(fields[i]?["value"], 0, 1024, $"{at}/fields/{i}/value", problems);
            }
        }

        return total;
    }

    /// <summary>custom_id and button labels anywhere in a component tree (rows, labels, containers).</summary>
    private static void CheckComponentTree(JsonNode? node, string at, List<string> problems)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CheckComponentTree(array[i], $"{at}/{i}", problems);
                }

                break;
            case JsonObject component:
                CheckLength(component["custom_id"], 1, 100, at + "/custom_id", problems);
                if (component["type"]?.GetValue<int>() == 2)
                {
                    CheckLength(component["label"], 0, 80, at + "/label", problems);
                }

                CheckComponentTree(component["components"], at + "/components", problems);
                CheckComponentTree(component["component"], at + "/component", problems);
                break;
        }
    }

    private static void CheckCommand(JsonObject? command, string at, List<string> problems)
    {
        if (command is null)
        {
            return;
        }

        var type = command["type"]?.GetValue<int>() ?? 1;
        if (type == 1)
        {
            CheckName(command["name"], at + "/name", problems);
            CheckLength(command["description"], 1, 100, at + "/description", problems, required: true);
        }

        CheckOptions(command["options"] as JsonArray, at + "/options", problems);
    }

    private static void CheckOptions(JsonArray? options, string at, List<string> problems)
    {
        if (options is null)
        {
            return;
        }

        if (options.Count > 25)
        {
            problems.Add($"{at}: {options.Count} options, at most 25");
        }

        var seenOptional = false;
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i] as JsonObject;
            if (option is null)
            {
                continue;
            }

            CheckName(option["name"], $"{at}/{i}/name", problems);
            CheckLength(option["description"], 1, 100, $"{at}/{i}/description", problems, required: true);
            var required = option["required"] is JsonValue r && r.TryGetValue<bool>(out var isRequired) && isRequired;
            if (required && seenOptional)
            {
                problems.Add($"{at}/{i}: required option after an optional one");
            }

            seenOptional |= !required;
            if (option["choices"] is JsonArray choices)
            {
                CheckChoices(choices, $"{at}/{i}/choices", problems);
                if (option["autocomplete"] is JsonValue a && a.TryGetValue<bool>(out var autocomplete) && autocomplete)
                {
                    problems.Add($"{at}/{i}: choices and autocomplete together");
                }
            }

            CheckOptions(option["options"] as JsonArray, $"{at}/{i}/options", problems);
        }
    }

    private static void CheckChoices(JsonArray? choices, string at, List<string> problems)
    {
        if (choices is null)
        {
            return;
        }

        if (choices.Count > 25)
        {
            problems.Add($"{at}: {choices.Count} choices, at most 25");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            CheckLength(choices[i]?["name"], 1, 100, $"{at}/{i}/name", problems, required: true);
            if (choices[i]?["value"] is JsonValue value && value.TryGetValue<string>(out _))
            {
                CheckLength(value, 0, 100, $"{at}/{i}/value", problems);
            }
        }
    }

    private static void CheckName(JsonNode? name, string at, List<string> problems)
    {
        var text = name is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null || !CommandName().IsMatch(text))
        {
            problems.Add($"{at}: \"{text}\" is not 1-32 letters, digits, '-', '_' or '''");
        }
        else if (!string.Equals(text, text.ToLowerInvariant(), StringComparison.Ordinal))
        {
            problems.Add($"{at}: \"{text}\" must be lowercase");
        }
    }

    /// <summary>Checks a string's length when present (or when required); returns its trimmed length for embed totals.</summary>
    private static int CheckLength(JsonNode? node, int min, int max, string at, List<string> problems, bool required = false)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            if (required)
            {
                problems.Add($"{at}: missing");
            }

            return 0;
        }

        if (text.Length < min || text.Length > max)
        {
            problems.Add($"{at}: {text.Length} characters, allowed {min}-{max}");
        }

        return text.Trim().Length;
    }
}
