using Microsoft.Extensions.Options;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;

namespace StudyBot.Core.Streaks;

/// <summary>
/// Who is asking, on which server, and whether they may run admin commands. <see cref="ProfileTimeZoneId"/> is the zone
/// the platform's profile gives the member (Slack's tz), used when they have not set their own.
/// </summary>
public sealed record MemberContext(string ServerId, string MemberId, string DisplayName, bool IsAdmin, string? InteractionId, string? ProfileTimeZoneId = null);

/// <summary>A member's streak as /streak shows it, seen from their own local today.</summary>
public sealed record StreakReport(
    string DisplayName,
    DateOnly Today,
    string TimeZoneId,
    int Current,
    int Best,
    int TotalDays,
    bool TodayDone,
    IReadOnlyList<DateOnly> ActiveDays);

public sealed record LeaderboardEntry(int Rank, string DisplayName, string MemberId, int Current, int Best, int TotalDays);

/// <summary>
/// Credits answers to streaks and reports them. The day follows the member's own zone, else their platform profile's,
/// else the server's, else UTC.
/// </summary>
public sealed class StreakService(IMemberStore members, IServerStore servers, TimeProvider time, IOptions<StreakOptions> options)
{
    public const int LeaderboardSize = 10;

    public int MinAnswerLength => options.Value.MinAnswerLength;

    public int MaxAnswerLength => options.Value.MaxAnswerLength;

    public async Task<CreditResult> CreditAnswerAsync(MemberContext member, int? questionId, AnswerSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var zone = await ZoneForAsync(member, cancellationToken);
        var now = time.GetUtcNow();
        var record = new AnswerRecord(
            member.ServerId,
            member.MemberId,
            member.DisplayName,
            TimeZones.LocalDate(now, zone),
            TimeZones.NameOf(zone),
            member.InteractionId,
            questionId,
            source,
            now,
            member.ProfileTimeZoneId is { } profile && TimeZones.TryFind(profile, out _) ? profile : null);
        return await members.RecordAnswerAsync(record, cancellationToken);
    }

    public async Task<StreakReport> GetReportAsync(string serverId, string memberId, string displayName, CancellationToken cancellationToken)
    {
        var zone = await ZoneForAsync(serverId, memberId, cancellationToken);
        var today = TimeZones.LocalDate(time.GetUtcNow(), zone);
        var days = await members.GetActiveDaysAsync(serverId, memberId, cancellationToken);
        var summary = StreakMath.Recompute(days);
        var name = (await members.GetMemberAsync(serverId, memberId, cancellationToken))?.DisplayName ?? displayName;
        return new StreakReport(
            name,
            today,
            TimeZones.NameOf(zone),
            StreakMath.CurrentStreak(days, today),
            summary.BestStreak,
            summary.TotalDays,
            days.Contains(today),
            days);
    }

    /// <summary>
    /// Top members by current streak, then best streak, then active days; equal on all three share a rank
    /// (1, 1, 3) and are listed by name.
    /// </summary>
    public async Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboardAsync(string serverId, CancellationToken cancellationToken)
    {
        var serverZone = ServerZone(await servers.GetAsync(serverId, cancellationToken));
        var now = time.GetUtcNow();
        var ordered = (await members.GetMembersAsync(serverId, cancellationToken))
            .Where(m => m.Streak.TotalDays > 0)
            .Select(m =>
            {
                var zone = ZoneOf(m) ?? serverZone;
                var current = StreakMath.CurrentStreak(m.Streak, TimeZones.LocalDate(now, zone));
                return (Member: m, Current: current);
            })
            .OrderByDescending(x => x.Current)
            .ThenByDescending(x => x.Member.Streak.BestStreak)
            .ThenByDescending(x => x.Member.Streak.TotalDays)
            .ThenBy(x => x.Member.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => x.Member.MemberId, StringComparer.Ordinal)
            .Take(LeaderboardSize)
            .ToList();

        var entries = new List<LeaderboardEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (member, current) = ordered[i];
            var tiedWithPrevious = i > 0
                && ordered[i - 1].Current == current
                && ordered[i - 1].Member.Streak.BestStreak == member.Streak.BestStreak
                && ordered[i - 1].Member.Streak.TotalDays == member.Streak.TotalDays;
            var rank = tiedWithPrevious ? entries[i - 1].Rank : i + 1;
            entries.Add(new LeaderboardEntry(rank, member.DisplayName, member.MemberId, current, member.Streak.BestStreak, member.Streak.TotalDays));
        }

        return entries;
    }

    public async Task<TimeZoneInfo> ZoneForAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var member = await members.GetMemberAsync(serverId, memberId, cancellationToken);
        return (member is null ? null : ZoneOf(member)) ?? ServerZone(await servers.GetAsync(serverId, cancellationToken));
    }

    /// <summary>The zone of the member who is asking: their own, else the profile zone their platform gives now, else as stored.</summary>
    public async Task<TimeZoneInfo> ZoneForAsync(MemberContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var member = await members.GetMemberAsync(context.ServerId, context.MemberId, cancellationToken);
        if (member?.TimeZoneId is not null && TimeZones.TryFind(member.TimeZoneId, out var own))
        {
            return own;
        }

        if (context.ProfileTimeZoneId is not null && TimeZones.TryFind(context.ProfileTimeZoneId, out var profile))
        {
            return profile;
        }

        return (member is null ? null : ZoneOf(member)) ?? ServerZone(await servers.GetAsync(context.ServerId, cancellationToken));
    }

    private static TimeZoneInfo? ZoneOf(MemberRecord member) =>
        member.TimeZoneId is not null && TimeZones.TryFind(member.TimeZoneId, out var own) ? own
        : member.ProfileTimeZoneId is not null && TimeZones.TryFind(member.ProfileTimeZoneId, out var profile) ? profile
        : null;

    private static TimeZoneInfo ServerZone(ServerSettings? server) => TimeZones.FindOrUtc(server?.TimeZoneId);
}
