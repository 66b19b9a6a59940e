using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Reminders;

/// <summary>What one run over the due reminders did.</summary>
public sealed record ReminderRunResult(int Due, int Sent, int Skipped, int TurnedOff, int Failed);

/// <summary>
/// Reminders at the member's own local time: set, turned off, and sent when due. A reminder is due once per local day
/// at <see cref="Reminder.Time"/> in the member's zone (their own, else their platform profile's, else the server's, else
/// UTC); it is sent only if that day has a posted question and the member has not answered it yet. A time skipped by a
/// spring-forward change (02:30) is due when the gap ends (03:00); a repeated time is due at its first occurrence.
/// </summary>
public sealed partial class ReminderService(
    IReminderStore reminders,
    IMemberStore members,
    IServerStore servers,
    IDailyPostStore posts,
    GuideContent content,
    IEnumerable<IReminderSender> senders,
    MemberNotices notices,
    TimeProvider time,
    ILogger<ReminderService> logger)
{
    /// <summary>How many due reminders one run takes at most; the rest wait for the next run a minute later.</summary>
    public const int BatchSize = 2_000;

    /// <summary>Reminders sent at once in a run; the platform's rate limiters pace them further.</summary>
    public const int SendConcurrency = 8;

    /// <summary>After a failure that may pass, the reminder is tried again this much later, on the same local day only.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    public const string ClosedNotice = "Your reminder is off: StudyBot could not send you a private message. Allow direct messages from the bot, then turn it on again with /remind time:HH:mm.";

    private readonly Dictionary<string, IReminderSender> sendersByPlatform = senders.ToDictionary(s => s.Platform, StringComparer.Ordinal);

    public Task<Reminder?> GetAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        reminders.GetAsync(serverId, memberId, cancellationToken);

    /// <summary>Sets the member's reminder time; the first one is today if the time is still ahead and none was sent today.</summary>
    public async Task<Reminder> SetAsync(MemberContext member, TimeOnly at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var record = await members.GetMemberAsync(member.ServerId, member.MemberId, cancellationToken);
        var zone = ZoneOf(record, member.ProfileTimeZoneId) ?? TimeZones.FindOrUtc((await servers.GetAsync(member.ServerId, cancellationToken))?.TimeZoneId);
        var existing = await reminders.GetAsync(member.ServerId, member.MemberId, cancellationToken);
        var now = time.GetUtcNow();
        var today = TimeZones.LocalDate(now, zone);
        var first = existing?.LastSentDate >= today ? today.AddDays(1) : today;
        var (date, dueAt) = NextDue(at, zone, first, now);
        var reminder = new Reminder(member.ServerId, member.MemberId, at, date, dueAt, TimeZones.NameOf(zone), existing?.LastSentDate);
        await reminders.SaveAsync(reminder, cancellationToken);
        return reminder;
    }

    public Task<bool> TurnOffAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        reminders.RemoveAsync(serverId, memberId, cancellationToken);

    /// <summary>
    /// The first date on or after <paramref name="from"/> whose reminder instant is after <paramref name="now"/>, and that
    /// instant (skipped times move to the end of the gap, repeated times take their first occurrence).
    /// </summary>
    public static (DateOnly Date, DateTimeOffset DueAt) NextDue(TimeOnly at, TimeZoneInfo zone, DateOnly from, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = from;
        var dueAt = TimeZones.ToInstant(date, at, zone);
        while (dueAt <= now)
        {
            date = date.AddDays(1);
            dueAt = TimeZones.ToInstant(date, at, zone);
        }

        return (date, dueAt.ToUniversalTime());
    }

    /// <summary>
    /// Takes the reminders due now (through the store's index), sends those whose day has a posted question the member
    /// has not answered, and moves each to its next day. A reminder that fell due while the bot was down is sent if it
    /// is still the same local day for the member; an older one is skipped.
    /// </summary>
    public async Task<ReminderRunResult> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await reminders.GetDueAsync(now, BatchSize, cancellationToken);
        var run = new RunState(now);
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = SendConcurrency, CancellationToken = cancellationToken },
            async (reminder, ct) => await ProcessAsync(reminder, run, ct));
        return new ReminderRunResult(due.Count, run.Sent, run.Skipped, run.TurnedOff, run.Failed);
    }

    private async Task ProcessAsync(Reminder reminder, RunState run, CancellationToken cancellationToken)
    {
        var now = run.Now;
        var member = await members.GetMemberAsync(reminder.ServerId, reminder.MemberId, cancellationToken);
        var server = await run.ServerAsync(reminder.ServerId, id => servers.GetAsync(id, cancellationToken));
        var zone = ZoneOf(member, null) ?? (TimeZones.TryFind(reminder.TimeZoneId, out var kept) ? kept : TimeZones.FindOrUtc(server?.TimeZoneId));
        var today = TimeZones.LocalDate(now, zone);

        // Never for a past day: after downtime only today's reminder can still be sent, and only once its time has come.
        var date = reminder.DueDate > today ? reminder.DueDate : today;
        var dueAt = TimeZones.ToInstant(date, reminder.Time, zone);
        if (dueAt > now || reminder.LastSentDate >= date)
        {
            var (nextDate, nextAt) = NextDue(reminder.Time, zone, reminder.LastSentDate >= date ? date.AddDays(1) : date, now);
            Interlocked.Increment(ref run.Skipped);
            await reminders.MoveAsync(reminder, reminder with { DueDate = nextDate, DueAt = nextAt, TimeZoneId = TimeZones.NameOf(zone) }, cancellationToken);
            return;
        }

        var (tomorrow, tomorrowAt) = NextDue(reminder.Time, zone, date.AddDays(1), now);
        var moved = reminder with { DueDate = tomorrow, DueAt = tomorrowAt, TimeZoneId = TimeZones.NameOf(zone) };
        var answered = member?.Streak.LastActiveDate == today;
        var question = answered || server is null
            ? null
            : await run.QuestionAsync(server, zone, today, () => QuestionForDayAsync(server, zone, today, now, cancellationToken));
        if (question is null || !sendersByPlatform.TryGetValue(ServerIds.PlatformOf(reminder.ServerId), out var sender))
        {
            Interlocked.Increment(ref run.Skipped);
            await reminders.MoveAsync(reminder, moved, cancellationToken);
            return;
        }

        // Moved first: a crash after sending must not send it again; a failed send puts it back for a retry below.
        var claimed = moved with { LastSentDate = date };
        if (!await reminders.MoveAsync(reminder, claimed, cancellationToken))
        {
            return;
        }

        var streak = member is null ? 0 : StreakMath.CurrentStreak(member.Streak, today);
        var message = new ReminderMessage(reminder.ServerId, reminder.MemberId, BuildReply(question.Value.Question, question.Value.Slot.LocalDate, today, TimeZones.NameOf(zone), streak));
        ReminderResult result;
        try
        {
            result = await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendThrew(ex, reminder.ServerId, reminder.MemberId);
            result = new ReminderResult(ReminderOutcome.TransientFailure, "the sender failed");
        }

        switch (result.Outcome)
        {
            case ReminderOutcome.Sent:
                Interlocked.Increment(ref run.Sent);
                break;
            case ReminderOutcome.Unreachable:
                Interlocked.Increment(ref run.TurnedOff);
                LogTurnedOff(reminder.ServerId, reminder.MemberId, result.Detail ?? "");
                await reminders.RemoveAsync(reminder.ServerId, reminder.MemberId, cancellationToken);
                await notices.LeaveAsync(reminder.ServerId, reminder.MemberId, ClosedNotice, cancellationToken);
                break;
            default:
                Interlocked.Increment(ref run.Failed);
                LogSendFailed(reminder.ServerId, reminder.MemberId, result.Detail ?? "");
                var retryAt = now + RetryDelay;
                if (TimeZones.LocalDate(retryAt, zone) == date)
                {
                    await reminders.MoveAsync(claimed, reminder with { DueAt = retryAt.ToUniversalTime(), TimeZoneId = TimeZones.NameOf(zone) }, cancellationToken);
                }

                break;
        }
    }

    /// <summary>
    /// The question the member's local day <paramref name="day"/> offers, if the server posted one: the latest slot sent by
    /// now for a server date that overlaps the member's day. No such slot (bot down, paused, skipped, not set up) means no
    /// reminder. Kept in one method so the neutral-day rule can take its place.
    /// </summary>
    internal async Task<(DailySlot Slot, InterviewQuestion Question)?> QuestionForDayAsync(
        ServerSettings server, TimeZoneInfo memberZone, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var serverZone = TimeZones.FindOrUtc(server.TimeZoneId);
        var dayStart = TimeZones.ToInstant(day, TimeOnly.MinValue, memberZone);
        var first = TimeZones.LocalDate(dayStart, serverZone);
        var last = TimeZones.LocalDate(now, serverZone);
        for (var date = last; date >= first; date = date.AddDays(-1))
        {
            var slot = await posts.GetAsync(server.ServerId, date, cancellationToken);
            if (slot is { Status: DailySlotStatus.Sent, QuestionId: { } id } && slot.SentAt <= now && content.FindQuestion(id) is { } question)
            {
                return (slot, question);
            }
        }

        return null;
    }

    public static Reply BuildReply(InterviewQuestion question, DateOnly postDate, DateOnly today, string zoneName, int streak)
    {
        ArgumentNullException.ThrowIfNull(question);
        var daily = DailyPostReply.Build(question, postDate);
        var keep = streak > 0 ? $" to keep your streak of {streak}" : "";
        return daily with
        {
            Title = "Reminder · " + daily.Title,
            Fields = [.. daily.Fields, new ReplyField("Your day", $"Not answered yet today ({DailyTime.FormatDate(today)}, {zoneName}). Answer before midnight{keep}.")],
            Visibility = ReplyVisibility.Private,
        };
    }

    private static TimeZoneInfo? ZoneOf(MemberRecord? member, string? profileZone) =>
        member?.TimeZoneId is not null && TimeZones.TryFind(member.TimeZoneId, out var own) ? own
        : profileZone is not null && TimeZones.TryFind(profileZone, out var live) ? live
        : member?.ProfileTimeZoneId is not null && TimeZones.TryFind(member.ProfileTimeZoneId, out var profile) ? profile
        : null;

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Reminder of member {MemberId} in server {ServerId} turned off: {Detail}")]
    private partial void LogTurnedOff(string serverId, string memberId, string detail);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Reminder of member {MemberId} in server {ServerId} not sent ({Detail}); trying again later today")]
    private partial void LogSendFailed(string serverId, string memberId, string detail);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "Reminder of member {MemberId} in server {ServerId}: the sender threw")]
    private partial void LogSendThrew(Exception exception, string serverId, string memberId);

    /// <summary>What one run shares between its reminders: each server and each day's question is read once.</summary>
    private sealed class RunState(DateTimeOffset now)
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, Task<ServerSettings?>> serverCache = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string, DateOnly), Task<(DailySlot, InterviewQuestion)?>> questionCache = [];

        public int Sent;
        public int Skipped;
        public int TurnedOff;
        public int Failed;

        public DateTimeOffset Now { get; } = now;

        public Task<ServerSettings?> ServerAsync(string serverId, Func<string, Task<ServerSettings?>> load)
        {
            lock (gate)
            {
                if (!serverCache.TryGetValue(serverId, out var task))
                {
                    serverCache[serverId] = task = load(serverId);
                }

                return task;
            }
        }

        public Task<(DailySlot Slot, InterviewQuestion Question)?> QuestionAsync(ServerSettings server, TimeZoneInfo zone, DateOnly day, Func<Task<(DailySlot, InterviewQuestion)?>> load)
        {
            lock (gate)
            {
                var key = (server.ServerId, zone.Id, day);
                if (!questionCache.TryGetValue(key, out var task))
                {
                    questionCache[key] = task = load();
                }

                return task;
            }
        }
    }
}
