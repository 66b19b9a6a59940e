using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
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
    IReadOnlyList<DateOnly> ActiveDays,
    int FreezesHeld = 0,
    int FreezeLimit = StreakRules.DefaultFreezeLimit,
    StreakEvaluation? Evaluation = null,
    DateTimeOffset EndOfToday = default);

public sealed record LeaderboardEntry(int Rank, string DisplayName, string MemberId, int Current, int Best, int TotalDays);

public enum BoardPeriod
{
    Week,
    Month,
    All,
}

/// <summary>A member's active days in a period (/leaderboard period:week|month|all).</summary>
public sealed record ActivityEntry(int Rank, string DisplayName, string MemberId, int ActiveDays);

/// <summary>
/// A member's local today as the fair rules see it at one instant: the clock their days follow (a /timezone change
/// counts from their next local day), the zone and date it gives now, whether the day is done, the day's question as
/// <see cref="QuestionCalendar"/> decides it so far, and whether the schedule still posts one later in the day. Reads
/// the member and their settings only: no days, so it costs the same for a member with years of them.
/// </summary>
public sealed record MemberToday(MemberClock Clock, TimeZoneInfo Zone, DateOnly Date, bool Done, DayQuestion Question, bool QuestionExpected)
{
    /// <summary>Not done, and a question was posted during the day or is still to come: not a neutral day.</summary>
    public bool Open => !Done && (Question.Posted || QuestionExpected);
}

/// <summary>What a /timezone change did: refused (already changed today) or set, effective from when.</summary>
public sealed record ZoneChangeResult(bool Accepted, DateTimeOffset EffectiveFrom, TimeZoneInfo CurrentZone);

/// <summary>
/// Credits answers to streaks and reports them under the fair rules (<see cref="StreakRules"/>): days without a
/// question are neutral, freezes cover missed days, a zone change starts with the member's next local day. The day
/// follows the member's own zone, else their platform profile's, else the server's, else UTC.
/// </summary>
public sealed class StreakService(
    IMemberStore members,
    IServerStore servers,
    TimeProvider time,
    IOptions<StreakOptions> options,
    IStreakLedger ledger,
    IDailyPostStore posts,
    MemberNotices notices)
{
    public const int LeaderboardSize = 10;

    public int MinAnswerLength => options.Value.MinAnswerLength;

    public int MaxAnswerLength => options.Value.MaxAnswerLength;

    public async Task<CreditResult> CreditAnswerAsync(MemberContext member, int? questionId, AnswerSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var view = await ViewAsync(member.ServerId, member.MemberId, member.ProfileTimeZoneId, cancellationToken);
        var now = time.GetUtcNow();
        var zone = view.Clock.ZoneAt(now);
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
        var result = await members.RecordAnswerAsync(record, cancellationToken);
        if (view.Clock.OwnZoneAt(now) is var own && own != view.Member?.TimeZoneId)
        {
            // A /timezone change came into effect: the member record follows, for readers of its zone.
            await members.SetTimeZoneAsync(member.ServerId, member.MemberId, member.DisplayName, own, cancellationToken);
        }

        var evaluation = await EvaluateAsync(view, member.ServerId, member.MemberId, record.LocalDate, persist: true, cancellationToken);
        var latest = evaluation.Days.LastOrDefault(d => d.Kind == DayKind.Counted)?.Date ?? result.LocalDate;
        var summary = new StreakSummary(latest, evaluation.Current, evaluation.Best, evaluation.TotalDays);
        return result with { Streak = summary };
    }

    public async Task<StreakReport> GetReportAsync(string serverId, string memberId, string displayName, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(serverId, memberId, null, cancellationToken);
        var now = time.GetUtcNow();
        var zone = view.Clock.ZoneAt(now);
        var today = TimeZones.LocalDate(now, zone);
        var evaluation = await EvaluateAsync(view, serverId, memberId, today, persist: true, cancellationToken);
        return new StreakReport(
            view.Member?.DisplayName ?? displayName,
            today,
            TimeZones.NameOf(zone),
            evaluation.Current,
            evaluation.Best,
            evaluation.TotalDays,
            evaluation.TodayDone,
            [.. evaluation.Days.Where(d => d.Kind == DayKind.Counted).Select(d => d.Date)],
            evaluation.FreezesHeld,
            FreezeLimitOf(view.Server),
            evaluation,
            view.Clock.EndOfDay(now));
    }

    /// <summary>
    /// Top members by current streak, then best streak, then active days; equal on all three share a rank
    /// (1, 1, 3) and are listed by name. Members who hid themselves are left out.
    /// </summary>
    public async Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboardAsync(string serverId, CancellationToken cancellationToken)
    {
        var hidden = await ledger.GetHiddenAsync(serverId, cancellationToken);
        var server = await servers.GetAsync(serverId, cancellationToken);
        var slots = await posts.GetHistoryAsync(serverId, cancellationToken);
        var now = time.GetUtcNow();
        var scored = new List<(MemberRecord Member, StreakEvaluation Streak)>();

        // Evaluating a member reads their days and freezes, so the board evaluates as few as it can. A member's
        // current and best streaks never exceed their active days, so (days, days, days, name, id) is the best place on
        // the board they could reach: members are evaluated from the best such bound down, and once ten evaluated
        // members all stand before the next member's bound, nobody left can enter (a whole server on its first day
        // is ten evaluations, not one per member).
        var candidates = (await members.GetMembersAsync(serverId, cancellationToken))
            .Where(m => m.Streak.TotalDays > 0 && !hidden.Contains(m.MemberId))
            .Select(m => (Member: m, Bound: new BoardPlace(m.Streak.TotalDays, m.Streak.TotalDays, m.Streak.TotalDays, m.DisplayName, m.MemberId)))
            .OrderBy(c => c.Bound, BoardPlace.Order)
            .ToList();
        var top = new List<BoardPlace>(LeaderboardSize + 1);
        foreach (var (member, bound) in candidates)
        {
            if (top.Count == LeaderboardSize && BoardPlace.Order.Compare(top[^1], bound) < 0)
            {
                break;
            }

            var view = await ViewAsync(member, server, slots, null, cancellationToken);
            var today = view.Clock.DateAt(now);
            var streak = await EvaluateAsync(view, serverId, member.MemberId, today, persist: false, cancellationToken);
            scored.Add((member, streak));
            var place = new BoardPlace(streak.Current, streak.Best, streak.TotalDays, member.DisplayName, member.MemberId);
            var at = top.BinarySearch(place, BoardPlace.Order);
            top.Insert(at < 0 ? ~at : at, place);
            if (top.Count > LeaderboardSize)
            {
                top.RemoveAt(top.Count - 1);
            }
        }

        var ordered = scored
            .OrderBy(x => new BoardPlace(x.Streak.Current, x.Streak.Best, x.Streak.TotalDays, x.Member.DisplayName, x.Member.MemberId), BoardPlace.Order)
            .Take(LeaderboardSize)
            .ToList();

        var entries = new List<LeaderboardEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (member, streak) = ordered[i];
            var tiedWithPrevious = i > 0
                && ordered[i - 1].Streak.Current == streak.Current
                && ordered[i - 1].Streak.Best == streak.Best
                && ordered[i - 1].Streak.TotalDays == streak.TotalDays;
            var rank = tiedWithPrevious ? entries[i - 1].Rank : i + 1;
            entries.Add(new LeaderboardEntry(rank, member.DisplayName, member.MemberId, streak.Current, streak.Best, streak.TotalDays));
        }

        return entries;
    }

    /// <summary>
    /// Members by active days in the period: the last 7 or 30 days up to the server's today (by each member's own
    /// dates), or all time; equal counts share a rank. Hidden members are left out.
    /// </summary>
    public async Task<IReadOnlyList<ActivityEntry>> GetActivityBoardAsync(string serverId, BoardPeriod period, CancellationToken cancellationToken)
    {
        var hidden = await ledger.GetHiddenAsync(serverId, cancellationToken);
        var server = await servers.GetAsync(serverId, cancellationToken);
        var today = TimeZones.LocalDate(time.GetUtcNow(), ServerZone(server));
        var from = period switch
        {
            BoardPeriod.Week => today.AddDays(-6),
            BoardPeriod.Month => today.AddDays(-29),
            _ => DateOnly.MinValue,
        };
        var counted = new List<(MemberRecord Member, int Days)>();
        foreach (var member in await members.GetMembersAsync(serverId, cancellationToken))
        {
            if (member.Streak.TotalDays == 0 || hidden.Contains(member.MemberId))
            {
                continue;
            }

            var days = period == BoardPeriod.All
                ? member.Streak.TotalDays
                : (await members.GetActiveDaysAsync(serverId, member.MemberId, cancellationToken)).Count(d => d >= from && d <= today.AddDays(1));
            if (days > 0)
            {
                counted.Add((member, days));
            }
        }

        var ordered = counted
            .OrderByDescending(x => x.Days)
            .ThenBy(x => x.Member.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => x.Member.MemberId, StringComparer.Ordinal)
            .Take(LeaderboardSize)
            .ToList();
        var entries = new List<ActivityEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i - 1].Days == ordered[i].Days ? entries[i - 1].Rank : i + 1;
            entries.Add(new ActivityEntry(rank, ordered[i].Member.DisplayName, ordered[i].Member.MemberId, ordered[i].Days));
        }

        return entries;
    }

    public async Task<TimeZoneInfo> ZoneForAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        (await ViewAsync(serverId, memberId, null, cancellationToken)).Clock.ZoneAt(time.GetUtcNow());

    /// <summary>
    /// The member's today (<see cref="MemberToday"/>) for a caller that looks at many members of one server at once, such
    /// as the reminders: it reads the server and its slots once and passes them in.
    /// </summary>
    public async Task<MemberToday> TodayAsync(string serverId, string memberId, ServerSettings? server, IReadOnlyList<DailySlot> slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var member = await members.GetMemberAsync(serverId, memberId, cancellationToken);
        var view = await ViewAsync(member, server, slots, null, cancellationToken, serverId, memberId);
        var now = time.GetUtcNow();
        var zone = view.Clock.ZoneAt(now);
        var today = TimeZones.LocalDate(now, zone);
        var done = member?.Streak.LastActiveDate is { } last && last >= today;
        var question = done ? DayQuestion.Unknown : QuestionCalendar.For(slots, server, view.Clock, now)(today);
        var expected = !done && !question.Posted && QuestionCalendar.PostExpected(slots, server, now, view.Clock.EndOfDay(now));
        return new MemberToday(view.Clock, zone, today, done, question, expected);
    }

    /// <summary>The zone of the member who is asking: their own, else the profile zone their platform gives now, else as stored.</summary>
    public async Task<TimeZoneInfo> ZoneForAsync(MemberContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (await ViewAsync(context.ServerId, context.MemberId, context.ProfileTimeZoneId, cancellationToken)).Clock.ZoneAt(time.GetUtcNow());
    }

    /// <summary>
    /// Asks for the member's days to follow <paramref name="zone"/> (null: their profile's or the server's again) from
    /// the end of their current local day. At most one change per local day.
    /// </summary>
    public async Task<ZoneChangeResult> ChangeZoneAsync(MemberContext context, TimeZoneInfo? zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = await ViewAsync(context.ServerId, context.MemberId, context.ProfileTimeZoneId, cancellationToken);
        var now = time.GetUtcNow();
        var current = view.Clock.ZoneAt(now);
        var effective = view.Clock.EndOfDay(now);
        if (view.Clock.PendingAt(now) is { } pending)
        {
            // A change waits for the end of the day on which it was asked: one is already waiting today.
            return new ZoneChangeResult(false, pending.EffectiveFrom, current);
        }

        var change = new ZoneChange(now, effective, zone is null ? null : TimeZones.NameOf(zone), view.Clock.OwnZoneAt(now));
        var settings = view.Settings with { ZoneChanges = [.. view.Settings.ZoneChanges, change] };
        if (view.Member is null)
        {
            await members.SetTimeZoneAsync(context.ServerId, context.MemberId, context.DisplayName, view.Clock.OwnZoneAt(now), cancellationToken);
        }

        await ledger.SaveSettingsAsync(context.ServerId, context.MemberId, settings, cancellationToken);
        return new ZoneChangeResult(true, effective, current);
    }

    public async Task SetHiddenAsync(string serverId, string memberId, bool hidden, CancellationToken cancellationToken)
    {
        var settings = await ledger.GetSettingsAsync(serverId, memberId, cancellationToken);
        await ledger.SaveSettingsAsync(serverId, memberId, settings with { HiddenFromBoards = hidden }, cancellationToken);
    }

    public async Task<bool> IsHiddenAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        (await ledger.GetSettingsAsync(serverId, memberId, cancellationToken)).HiddenFromBoards;

    private async Task<StreakEvaluation> EvaluateAsync(MemberView view, string serverId, string memberId, DateOnly today, bool persist, CancellationToken cancellationToken)
    {
        var days = await members.GetDaysAsync(serverId, memberId, cancellationToken);
        if (days.Count == 0)
        {
            return StreakEvaluation.Empty(today);
        }

        var freezes = await ledger.GetFreezesAsync(serverId, memberId, cancellationToken);
        var now = time.GetUtcNow();
        var questions = QuestionCalendar.For(view.Slots, view.Server, view.Clock, now);
        var evaluation = StreakRules.Evaluate(days, questions, freezes, FreezeLimitOf(view.Server), today);
        if (persist)
        {
            foreach (var fresh in evaluation.NewFreezeEvents)
            {
                var appended = await ledger.AppendFreezeAsync(serverId, memberId, fresh with { RecordedAt = now }, cancellationToken);
                if (appended && fresh.Kind == FreezeEventKind.Used)
                {
                    var left = evaluation.Days.First(d => d.Date == fresh.Date).FreezesHeld;
                    await notices.LeaveAsync(serverId, memberId, $"Your freeze covered {DailyTime.FormatDate(fresh.Date)}. {left} left.", cancellationToken);
                }
            }
        }

        return evaluation;
    }

    private async Task<MemberView> ViewAsync(string serverId, string memberId, string? profileZone, CancellationToken cancellationToken)
    {
        var member = await members.GetMemberAsync(serverId, memberId, cancellationToken);
        var server = await servers.GetAsync(serverId, cancellationToken);
        var slots = await posts.GetHistoryAsync(serverId, cancellationToken);
        return await ViewAsync(member, server, slots, profileZone, cancellationToken, serverId, memberId);
    }

    private async Task<MemberView> ViewAsync(
        MemberRecord? member,
        ServerSettings? server,
        IReadOnlyList<DailySlot> slots,
        string? profileZone,
        CancellationToken cancellationToken,
        string? serverId = null,
        string? memberId = null)
    {
        var settings = await ledger.GetSettingsAsync(serverId ?? member!.ServerId, memberId ?? member!.MemberId, cancellationToken);
        var fallback = profileZone is not null && TimeZones.TryFind(profileZone, out var profile) ? profile
            : member?.ProfileTimeZoneId is not null && TimeZones.TryFind(member.ProfileTimeZoneId, out var stored) ? stored
            : ServerZone(server);
        return new MemberView(member, server, slots, settings, new MemberClock(settings.ZoneChanges, member?.TimeZoneId, fallback));
    }

    private static int FreezeLimitOf(ServerSettings? server) => Math.Clamp(server?.FreezeLimit ?? StreakRules.DefaultFreezeLimit, 0, StreakRules.MaxFreezeLimit);

    private static TimeZoneInfo ServerZone(ServerSettings? server) => TimeZones.FindOrUtc(server?.TimeZoneId);

    private sealed record MemberView(MemberRecord? Member, ServerSettings? Server, IReadOnlyList<DailySlot> Slots, MemberStreakSettings Settings, MemberClock Clock);

    /// <summary>A place on the streak board: better current, then best, then active days, then name and id first.</summary>
    private sealed record BoardPlace(int Current, int Best, int TotalDays, string DisplayName, string MemberId)
    {
        public static Comparer<BoardPlace> Order { get; } = Comparer<BoardPlace>.Create((a, b) =>
        {
            var byStreak = b.Current.CompareTo(a.Current);
            byStreak = byStreak != 0 ? byStreak : b.Best.CompareTo(a.Best);
            byStreak = byStreak != 0 ? byStreak : b.TotalDays.CompareTo(a.TotalDays);
            byStreak = byStreak != 0 ? byStreak : StringComparer.OrdinalIgnoreCase.Compare(a.DisplayName, b.DisplayName);
            return byStreak != 0 ? byStreak : StringComparer.Ordinal.Compare(a.MemberId, b.MemberId);
        });
    }
}
