using Microsoft.Extensions.Logging;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Milestones;

/// <summary>
/// Milestone roles: admins map streak lengths to roles, and a member holds every role whose length their current
/// streak has reached. Roles follow the streak each time the member uses StudyBot in the server (a credit, /streak, any
/// command or button there), when the platform says which roles they hold now; a streak found broken then loses them.
/// A refusal by the platform pauses the feature for the server, with the reason in /schedule show, until an admin sets a
/// milestone again.
/// </summary>
public sealed partial class MilestoneService(
    IServerStore servers,
    StreakService streaks,
    IMemberStore members,
    IEnumerable<IMemberRoleSync> syncs,
    ILogger<MilestoneService> logger)
{
    public const string NotOnThisPlatform = "Milestone roles are a Discord feature.";

    private readonly Dictionary<string, IMemberRoleSync> syncsByPlatform = syncs.ToDictionary(s => s.Platform, StringComparer.Ordinal);

    /// <summary>Whether the server's platform has roles to give.</summary>
    public bool IsAvailableFor(string serverId) => syncsByPlatform.ContainsKey(ServerIds.PlatformOf(serverId));

    /// <summary>
    /// Gives the member the roles their current streak has earned and takes the mapped ones it no longer has.
    /// <paramref name="heldRoleIds"/> are the roles the member holds now, as the platform reported them with the member's
    /// interaction; only mapped roles are ever touched. Null when nothing was to do (no milestones, paused, no platform).
    /// </summary>
    public async Task<RoleSyncResult?> SyncAsync(MemberContext member, IReadOnlyCollection<string> heldRoleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(heldRoleIds);
        if (!syncsByPlatform.TryGetValue(ServerIds.PlatformOf(member.ServerId), out var sync))
        {
            return null;
        }

        var settings = await servers.GetAsync(member.ServerId, cancellationToken);
        var milestones = MilestoneMap.Parse(settings?.MilestoneRoles);
        if (milestones.Count == 0 || settings!.MilestonesPausedReason is not null)
        {
            return null;
        }

        var report = await streaks.GetReportAsync(member.ServerId, member.MemberId, member.DisplayName, cancellationToken);
        var earned = MilestoneMap.Earned(milestones, report.Current);
        var held = heldRoleIds.ToHashSet(StringComparer.Ordinal);
        var add = earned.Where(r => !held.Contains(r)).Order(StringComparer.Ordinal).ToList();
        var remove = milestones.Select(m => m.RoleId).Distinct(StringComparer.Ordinal).Where(r => held.Contains(r) && !earned.Contains(r)).ToList();
        if (add.Count == 0 && remove.Count == 0)
        {
            return RoleSyncResult.Done;
        }

        var result = await sync.ApplyAsync(member.ServerId, member.MemberId, add, remove, cancellationToken);
        switch (result.Outcome)
        {
            case RoleSyncOutcome.Forbidden:
                await PauseAsync(member.ServerId, result, cancellationToken);
                break;
            case RoleSyncOutcome.Failed:
                LogFailed(member.ServerId, member.MemberId, result.Detail ?? "");
                break;
        }

        return result;
    }

    /// <summary>
    /// Takes milestone roles from members whose streak broke, whether or not they come back: run after each daily
    /// post. A member may hold a role only once their current streak reached its length (their best streak did), and
    /// loses it only on a missed day, so only members whose streak broke on one of their last two local days and whose best
    /// streak reached a milestone their current one no longer does are asked about; their other roles are untouched.
    /// Returns how many members lost roles.
    /// </summary>
    public async Task<int> SweepAsync(string serverId, CancellationToken cancellationToken)
    {
        if (!syncsByPlatform.TryGetValue(ServerIds.PlatformOf(serverId), out var sync)
            || await servers.GetAsync(serverId, cancellationToken) is not { MilestonesPausedReason: null } settings
            || MilestoneMap.Parse(settings.MilestoneRoles) is not { Count: > 0 } milestones)
        {
            return 0;
        }

        var shortest = milestones.Min(m => m.Days);
        var changed = 0;
        foreach (var member in await members.GetMembersAsync(serverId, cancellationToken))
        {
            if (member.Streak.TotalDays < shortest)
            {
                continue;
            }

            // The day the streak broke is the first missed day after the last counted one; a member who stays away
            // misses every day after it, so later missed days say nothing new.
            var report = await streaks.GetReportAsync(serverId, member.MemberId, member.DisplayName, cancellationToken);
            var days = report.Evaluation?.Days ?? [];
            var lastCounted = days.LastOrDefault(d => d.Kind == DayKind.Counted)?.Date;
            var broke = days.FirstOrDefault(d => d.Kind == DayKind.Missed && d.Date > lastCounted)?.Date;
            if (broke is not { } brokeOn || brokeOn < report.Today.AddDays(-2))
            {
                continue;
            }

            var earned = MilestoneMap.Earned(milestones, report.Current);
            var lost = milestones.Where(m => m.Days <= report.Best && !earned.Contains(m.RoleId)).Select(m => m.RoleId).Distinct(StringComparer.Ordinal).ToList();
            if (lost.Count == 0)
            {
                continue;
            }

            var result = await sync.ApplyAsync(serverId, member.MemberId, [], lost, cancellationToken);
            if (result.Outcome == RoleSyncOutcome.Forbidden)
            {
                await PauseAsync(serverId, result, cancellationToken);
                break;
            }

            changed += result.Outcome == RoleSyncOutcome.Done ? 1 : 0;
        }

        return changed;
    }

    private async Task PauseAsync(string serverId, RoleSyncResult refused, CancellationToken cancellationToken)
    {
        var reason = $"Paused: {refused.Detail ?? "the platform refused to change roles"}. Set a milestone again with /milestones action:set to resume.";
        LogPaused(serverId, reason);
        if (await servers.GetAsync(serverId, cancellationToken) is { } current)
        {
            await servers.SaveAsync(current with { MilestonesPausedReason = reason }, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Milestone roles in server {ServerId} paused: {Reason}")]
    private partial void LogPaused(string serverId, string reason);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Milestone roles of member {MemberId} in server {ServerId} not changed ({Detail}); the next sync tries again")]
    private partial void LogFailed(string serverId, string memberId, string detail);
}
