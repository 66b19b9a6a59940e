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
    public static JsonArray Build(IEnumerable<CommandDefinition> definitions) => Build(definitions, refinements: true);

    /// <summary>
    /// The same commands without the optional refinements (autocomplete, min/max values and lengths, channel types),
    /// for a server that refuses them. Core validates every option anyway, so the commands still work.
    /// </summary>
    public static JsonArray BuildWithoutRefinements(IEnumerable<CommandDefinition> definitions) => Build(definitions, refinements: false);

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

    private static JsonArray Build(IEnumerable<CommandDefinition> definitions, bool refinements)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return [.. definitions.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => Command(d, refinements))];
    }

    private static JsonObject Command(CommandDefinition definition, bool refinements)
    {
        var command = new JsonObject
        {
            ["name"] = definition.Name,
            ["type"] = (int)ApplicationCommandType.ChatInput,
            ["description"] = DiscordMessageRenderer.Truncate(definition.Description, DiscordLimits.CommandDescription),
            ["options"] = new JsonArray([.. definition.Options.OrderByDescending(o => o.Required).Select(o => Option(o, refinements))]),
            ["contexts"] = new JsonArray((int)InteractionContextType.Guild),
            ["integration_types"] = new JsonArray((int)ApplicationIntegrationType.GuildInstall),
        };
        if (definition.AdminOnly)
        {
            command["default_member_permissions"] = DiscordPermissions.ManageGuildText;
        }

        return command;
    }

    private static JsonObject Option(CommandOption option, bool refinements)
    {
        var payload = new JsonObject
        {
            ["type"] = (int)TypeOf(option.Kind),
            ["name"] = option.Name,
            ["description"] = DiscordMessageRenderer.Truncate(option.Description, DiscordLimits.CommandDescription),
            ["required"] = option.Required,
        };
        // An option answered by autocomplete never gets a fixed list, with refinements or without.
        var autocomplete = UsesAutocomplete(option);
        if (autocomplete && refinements)
        {
            payload["autocomplete"] = true;
        }
        else if (!autocomplete && option.Kind == OptionKind.Choice)
        {
            payload["choices"] = new JsonArray([.. option.ChoiceList.Select(c => new JsonObject
            {
                ["name"] = DiscordMessageRenderer.Truncate(c.Label, DiscordLimits.ChoiceName),
                ["value"] = c.Value,
            })]);
        }

        if (!refinements)
        {
            return payload;
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
            payload["max_length"] = Math.Min(maxLength, DiscordLimits.OptionMaxLength);
        }

        if (option.Kind == OptionKind.Channel)
        {
            // Text and announcement channels: where a daily question can be posted and threaded.
            payload["channel_types"] = new JsonArray((int)ChannelType.GuildText, (int)ChannelType.GuildAnnouncement);
        }

        return payload;
    }

    private static ApplicationCommandOptionType TypeOf(OptionKind kind) => kind switch
    {
        OptionKind.WholeNumber => ApplicationCommandOptionType.Integer,
        OptionKind.Member => ApplicationCommandOptionType.User,
        OptionKind.Channel => ApplicationCommandOptionType.Channel,
        OptionKind.Role => ApplicationCommandOptionType.Role,
        OptionKind.Attachment => ApplicationCommandOptionType.Attachment,
        _ => ApplicationCommandOptionType.String,
    };
}
