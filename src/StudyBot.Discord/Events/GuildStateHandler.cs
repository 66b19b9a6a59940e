using System.Globalization;
using System.Text.Json;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Events;

/// <summary>
/// Keeps <see cref="GuildPermissions"/> current: GUILD_CREATE and GUILD_UPDATE carry the owner and every role,
/// the role events change one role, GUILD_DELETE forgets the server (unless it is only unavailable for a while).
/// </summary>
public sealed class GuildStateHandler(GuildPermissions permissions) : IDiscordDispatchHandler
{
    public Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var data = dispatch.Data;
        switch (dispatch.Type)
        {
            case DiscordEvents.GuildCreate or DiscordEvents.GuildUpdate:
                if (DiscordInteraction.Snowflake(data, "id") is { } guildId
                    && DiscordInteraction.Snowflake(data, "owner_id") is { } ownerId
                    && data.TryGetProperty("roles", out var roles)
                    && roles.ValueKind == JsonValueKind.Array)
                {
                    permissions.SetGuild(guildId, ownerId, roles.EnumerateArray().Select(Role).OfType<KeyValuePair<ulong, ulong>>());
                }

                break;
            case DiscordEvents.GuildDelete:
                if (DiscordInteraction.Snowflake(data, "id") is { } gone
                    && !(data.TryGetProperty("unavailable", out var unavailable) && unavailable.ValueKind == JsonValueKind.True))
                {
                    permissions.RemoveGuild(gone);
                }

                break;
            case DiscordEvents.GuildRoleCreate or DiscordEvents.GuildRoleUpdate:
                if (DiscordInteraction.Snowflake(data, "guild_id") is { } roleGuild
                    && data.TryGetProperty("role", out var role)
                    && Role(role) is { } changed)
                {
                    permissions.SetRole(roleGuild, changed.Key, changed.Value);
                }

                break;
            case DiscordEvents.GuildRoleDelete:
                if (DiscordInteraction.Snowflake(data, "guild_id") is { } deleteGuild
                    && DiscordInteraction.Snowflake(data, "role_id") is { } roleId)
                {
                    permissions.RemoveRole(deleteGuild, roleId);
                }

                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>A role's id and permission bits (a decimal string); null if either is missing or malformed.</summary>
    private static KeyValuePair<ulong, ulong>? Role(JsonElement role) =>
        DiscordInteraction.Snowflake(role, "id") is { } id
        && DiscordInteraction.Text(role, "permissions") is { } bits
        && ulong.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new KeyValuePair<ulong, ulong>(id, value)
            : null;
}
