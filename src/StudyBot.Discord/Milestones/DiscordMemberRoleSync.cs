using System.Globalization;
using StudyBot.Core.Milestones;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Milestones;

/// <summary>
/// Milestone roles on Discord: PUT and DELETE /guilds/{guild}/members/{user}/roles/{role}, through the client's rate
/// limiters. A 403 (no Manage Roles, or the role sits above the bot's highest role) is a refusal that pauses the
/// feature; a 404 (the role was deleted, the member left) has nothing left to change; anything else is tried again at the
/// member's next interaction.
/// </summary>
public sealed class DiscordMemberRoleSync(DiscordApi api) : IMemberRoleSync
{
    public const string ForbiddenDetail =
        "Discord answered 403 (Missing Permissions): StudyBot needs the Manage Roles permission, and its own role must be above the milestone roles";

    public string Platform => DiscordIds.Platform;

    public async Task<RoleSyncResult> ApplyAsync(string serverId, string memberId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        if (DiscordIds.GuildOf(serverId) is not { } guild || Snowflake(memberId) is not { } user)
        {
            return new RoleSyncResult(RoleSyncOutcome.Failed, $"'{serverId}'/'{memberId}' is not a Discord member");
        }

        foreach (var (roleId, adding) in add.Select(r => (r, true)).Concat(remove.Select(r => (r, false))))
        {
            if (Snowflake(roleId) is not { } role)
            {
                continue;
            }

            var response = adding
                ? await api.AddMemberRoleAsync(guild, user, role, cancellationToken)
                : await api.RemoveMemberRoleAsync(guild, user, role, cancellationToken);
            switch (response.Failure)
            {
                case RestFailure.None or RestFailure.NotFound:
                    continue;
                case RestFailure.Forbidden:
                    return new RoleSyncResult(RoleSyncOutcome.Forbidden, ForbiddenDetail);
                default:
                    return new RoleSyncResult(RoleSyncOutcome.Failed, $"HTTP {response.StatusCode} ({response.Failure})");
            }
        }

        return RoleSyncResult.Done;
    }

    private static ulong? Snowflake(string id) =>
        ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
