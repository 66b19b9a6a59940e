using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StudyBot.Core.Commands;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Core command definitions as Discord application commands (chat input), within Discord's limits: admin
/// commands need Manage Server by default, fixed choices where they fit (≤ 25), autocomplete where Core asks for
/// it (tool categories), for time zones, and for longer lists.
/// </summary>
public static class CommandPayloads
{
    /// <summary>MANAGE_GUILD (1 &lt;&lt; 5), as the string Discord's docs ask for.</summary>
    public const string ManageServerPermission = "32";

    public static JsonArray Build(IEnumerable<CommandDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return [.. definitions.OrderBy(d => d.Name, StringComparer.Ordinal).Select(Command)];
    }

    /// <summary>A stable fingerprint of the command set, to register only when it changed.</summary>
    public static string Fingerprint(JsonArray commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(commands.ToJsonString())));
    }

    /// <summary>Whether the option is answered with autocomplete rather than a fixed choice list.</summary>
    public static bool UsesAutocomplete(CommandOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.Kind == OptionKind.TimeZone
            || option.Autocomplete
            || option.Kind == OptionKind.Choice && option.ChoiceList.Count > DiscordLimits.Choices;
    }

    private static JsonObject Command(CommandDefinition definition)
    {
        var command = new JsonObject
        {
            ["name"] = definition.Name,
            ["type"] = 1,
            ["description"] = DiscordMessageRenderer.Truncate(definition.Description, DiscordLimits.CommandDescription),
            ["options"] = new JsonArray([.. definition.Options.OrderByDescending(o => o.Required).Select(Option)]),
            ["contexts"] = new JsonArray(0),
            ["integration_types"] = new JsonArray(0),
        };
        if (definition.AdminOnly)
        {
            command["default_member_permissions"] = ManageServerPermission;
        }

        return command;
    }

    private static JsonObject Option(CommandOption option)
    {
        var payload = new JsonObject
        {
            ["type"] = TypeOf(option.Kind),
            ["name"] = option.Name,
            ["description"] = DiscordMessageRenderer.Truncate(option.Description, DiscordLimits.CommandDescription),
            ["required"] = option.Required,
        };
        if (UsesAutocomplete(option))
        {
            payload["autocomplete"] = true;
        }
        else if (option.Kind == OptionKind.Choice)
        {
            payload["choices"] = new JsonArray([.. option.ChoiceList.Select(c => new JsonObject
            {
                ["name"] = DiscordMessageRenderer.Truncate(c.Label, DiscordLimits.ChoiceName),
                ["value"] = c.Value,
            })]);
        }

        if (option.MinValue is { } min)
        {
            payload["min_value"] = min;
        }

        if (option.MaxValue is { } max)
        {
            payload["max_value"] = max;
        }

        if (option.MinLength is { } minLength)
        {
            payload["min_length"] = minLength;
        }

        if (option.MaxLength is { } maxLength)
        {
            payload["max_length"] = Math.Min(maxLength, 6000);
        }

        if (option.Kind == OptionKind.Channel)
        {
            // Text and announcement channels: where a daily question can be posted and threaded.
            payload["channel_types"] = new JsonArray(0, 5);
        }

        return payload;
    }

    private static int TypeOf(OptionKind kind) => kind switch
    {
        OptionKind.WholeNumber => 4,
        OptionKind.Member => 6,
        OptionKind.Channel => 7,
        OptionKind.Role => 8,
        _ => 3,
    };
}
