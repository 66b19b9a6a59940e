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
/// <param name="Permissions">member.permissions; null when the payload has none (some Discord-compatible servers omit it).</param>
/// <param name="RoleIds">member.roles; null when the payload has none.</param>
/// <param name="ReceivedAt">When the gateway received it: Discord's 3-second response window counts from about then.</param>
public sealed record DiscordInteraction(
    string Id,
    string Token,
    ulong ApplicationId,
    InteractionType Type,
    ulong? GuildId,
    ulong UserId,
    string DisplayName,
    ulong? Permissions,
    IReadOnlyList<ulong>? RoleIds,
    JsonElement Data,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Discord refuses an initial response later than this after the interaction was created.</summary>
    public static readonly TimeSpan ResponseWindow = TimeSpan.FromSeconds(3);

    /// <summary>Until when an initial response can still reach Discord in time.</summary>
    public DateTimeOffset RespondBy => ReceivedAt + ResponseWindow;

    public static DiscordInteraction? TryParse(JsonElement data, DateTimeOffset receivedAt)
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
        ulong? permissions = member is { } p && Text(p, "permissions") is { } bits
            && ulong.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var payload = data.TryGetProperty("data", out var d) ? d : default;
        return new DiscordInteraction(
            id, token, applicationId, (InteractionType)type, Snowflake(data, "guild_id"), userId, name, permissions, Roles(member), payload, receivedAt);
    }

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static ulong? Snowflake(JsonElement element, string property) =>
        Text(element, property) is { } text && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The role ids of member.roles; null if the list is missing or holds anything but snowflakes.</summary>
    private static List<ulong>? Roles(JsonElement? member)
    {
        if (member is not { } m || !m.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var ids = new List<ulong>();
        foreach (var role in roles.EnumerateArray())
        {
            if (role.ValueKind != JsonValueKind.String
                || !ulong.TryParse(role.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var roleId))
            {
                return null;
            }

            ids.Add(roleId);
        }

        return ids;
    }
}
