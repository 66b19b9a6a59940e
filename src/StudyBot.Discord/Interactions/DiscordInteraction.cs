using System.Globalization;
using System.Text.Json;

namespace StudyBot.Discord.Interactions;

public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    Autocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>The parts of an INTERACTION_CREATE that StudyBot uses, read defensively from the payload.</summary>
public sealed record DiscordInteraction(
    string Id,
    string Token,
    ulong ApplicationId,
    InteractionType Type,
    ulong? GuildId,
    ulong UserId,
    string DisplayName,
    ulong Permissions,
    JsonElement Data)
{
    /// <summary>ADMINISTRATOR (1 &lt;&lt; 3) or MANAGE_GUILD (1 &lt;&lt; 5): checked again here, whatever the command's defaults say.</summary>
    public bool CanManageServer => (Permissions & ((1UL << 3) | (1UL << 5))) != 0;

    public static DiscordInteraction? TryParse(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object
            || Text(data, "id") is not { } id
            || Text(data, "token") is not { } token
            || Snowflake(data, "application_id") is not { } applicationId
            || !data.TryGetProperty("type", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.Number
            || !typeElement.TryGetInt32(out var type))
        {
            return null;
        }

        // In a server the user is member.user; in a DM it is user.
        var member = data.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : (JsonElement?)null;
        var user = member is { } mm && mm.TryGetProperty("user", out var u) ? u
            : data.TryGetProperty("user", out var du) ? du : (JsonElement?)null;
        if (user is not { } who || Snowflake(who, "id") is not { } userId)
        {
            return null;
        }

        var name = (member is { } nickHolder ? Text(nickHolder, "nick") : null)
            ?? Text(who, "global_name")
            ?? Text(who, "username")
            ?? $"Member {userId}";
        var permissions = member is { } p && Text(p, "permissions") is { } bits
            && ulong.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var payload = data.TryGetProperty("data", out var d) ? d : default;
        return new DiscordInteraction(id, token, applicationId, (InteractionType)type, Snowflake(data, "guild_id"), userId, name, permissions, payload);
    }

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static ulong? Snowflake(JsonElement element, string property) =>
        Text(element, property) is { } text && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
