using System.Collections.Concurrent;
using System.Collections.Immutable;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Events;

/// <summary>
/// Each server's owner and role permissions, from GUILD_CREATE, GUILD_UPDATE and the role events, so that a
/// member's permissions can be worked out when an interaction arrives without <c>member.permissions</c> (some
/// Discord-compatible servers omit it). Computed as Discord's docs do it (topics/permissions, "Permission
/// Hierarchy"): the owner has everything; else @everyone's permissions (the role whose id is the server's) or-ed
/// with each of the member's roles; ADMINISTRATOR grants everything.
/// </summary>
public sealed class GuildPermissions
{
    private readonly ConcurrentDictionary<ulong, Guild> guilds = new();

    public int Count => guilds.Count;

    public void SetGuild(ulong guildId, ulong ownerId, IEnumerable<KeyValuePair<ulong, ulong>> rolePermissions) =>
        guilds[guildId] = new Guild(ownerId, rolePermissions.ToImmutableDictionary());

    public void RemoveGuild(ulong guildId) => guilds.TryRemove(guildId, out _);

    /// <summary>A role created or changed; ignored for a server not (yet) known, whose GUILD_CREATE will carry it.</summary>
    public void SetRole(ulong guildId, ulong roleId, ulong permissions) =>
        Update(guildId, guild => guild with { Roles = guild.Roles.SetItem(roleId, permissions) });

    public void RemoveRole(ulong guildId, ulong roleId) =>
        Update(guildId, guild => guild with { Roles = guild.Roles.Remove(roleId) });

    /// <summary>
    /// Whether the member may manage the server (ADMINISTRATOR or MANAGE_GUILD), or null when that cannot be known:
    /// the server is not known, the member's roles are not given, or a role that could grant it is not known.
    /// </summary>
    public bool? CanManageServer(ulong guildId, ulong memberId, IReadOnlyList<ulong>? roleIds)
    {
        if (!guilds.TryGetValue(guildId, out var guild))
        {
            return null;
        }

        if (guild.OwnerId == memberId)
        {
            return true;
        }

        if (roleIds is null)
        {
            return null;
        }

        var complete = guild.Roles.TryGetValue(guildId, out var permissions);
        foreach (var roleId in roleIds)
        {
            if (guild.Roles.TryGetValue(roleId, out var rolePermissions))
            {
                permissions |= rolePermissions;
            }
            else
            {
                complete = false;
            }
        }

        // An unknown role can only add permissions: what the known ones grant holds, what they lack is unknown.
        return DiscordPermissions.CanManageServer(permissions) ? true : complete ? false : null;
    }

    private void Update(ulong guildId, Func<Guild, Guild> change)
    {
        // Guild events are applied one at a time, in order; the loop only guards against a concurrent reader's view.
        while (guilds.TryGetValue(guildId, out var current) && !guilds.TryUpdate(guildId, change(current), current))
        {
        }
    }

    private sealed record Guild(ulong OwnerId, ImmutableDictionary<ulong, ulong> Roles);
}
