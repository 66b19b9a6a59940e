using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Reminders;

/// <summary>What one run over the due reminders did.</summary>
public sealed record ReminderRunResult(int Due, int Sent, int Skipped, int TurnedOff, int Failed);

/// <summary>
/// Reminders at the member's own local time: set, turned off, and sent when due. A reminder is due once per local day
/// at <see cref="Reminder.Time"/> in the zone the member's day follows (<see cref="StreakService"/>: a /timezone change
/// counts from their next local day); it is sent only on a day that is not neutral by the fair-streak rules (a question
/// was posted during it, or the schedule still posts one before it ends) and that the member has not answered yet. A
/// time skipped by a spring-forward change (02:30) is due when the gap ends (03:00); a repeated time is due at its first
/// occurrence.
/// </summary>
public sealed partial class ReminderService(
    IReminderStore reminders,
    StreakService streaks,
    IServerStore servers,
    IDailyPostStore posts,
    QuestionCatalog catalog,
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
        var zone = await streaks.ZoneForAsync(member, cancellationToken);
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
    /// Takes the reminders due now (through the store's index), decides each from the member's today, moves every one of
    /// them to its next day in one store call, then sends those whose day is open. A reminder that fell due while the bot
    /// was down is sent if it is still the same local day for the member; an older one is skipped.
    /// </summary>
    public async Task<ReminderRunResult> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await reminders.GetDueAsync(now, BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return new ReminderRunResult(0, 0, 0, 0, 0);
        }

        // Decided one after another: every step reads storage, which runs one piece of work at a time anyway.
        var serversSeen = new Dictionary<string, ServerDay>(StringComparer.Ordinal);
        var moves = new List<ReminderMove>(due.Count);
        var sends = new List<PlannedSend>();
        foreach (var reminder in due)
        {
            if (!serversSeen.TryGetValue(reminder.ServerId, out var server))
            {
                server = await LoadServerAsync(reminder.ServerId, now, cancellationToken);
                serversSeen.Add(reminder.ServerId, server);
            }

            var (move, send) = await DecideAsync(reminder, server, now, cancellationToken);
            if (send is not null)
            {
                send.MoveIndex = moves.Count;
            }

            moves.Add(move);
            if (send is not null)
            {
                sends.Add(send);
            }
        }

        // One store call for the minute's moves. A claimed reminder is moved before it is sent: a crash after sending
        // must not send it again; a failed send puts it back for a retry.
        var moved = await reminders.MoveManyAsync(moves, cancellationToken);
        var run = new RunCounts { Skipped = due.Count - sends.Count };

        // Started from this thread, at most SendConcurrency waiting at once: a send that completes at once (a console
        // print, a rate limiter with room) costs no thread-pool hop.
        var waiting = new List<Task>(SendConcurrency);
        foreach (var send in sends)
        {
            if (!moved[send.MoveIndex])
            {
                // The member changed or removed the reminder meanwhile: theirs stands, nothing is sent.
                Interlocked.Increment(ref run.Skipped);
                continue;
            }

            if (waiting.Count == SendConcurrency)
            {
                var done = await Task.WhenAny(waiting);
                waiting.Remove(done);
                await done;
            }

            var sending = SendAsync(send, moves[send.MoveIndex].Replacement, run, now, cancellationToken);
            if (sending.IsCompletedSuccessfully)
            {
                continue;
            }

            waiting.Add(sending);
        }

        await Task.WhenAll(waiting);
        return new ReminderRunResult(due.Count, run.Sent, run.Skipped, run.TurnedOff, run.Failed);
    }

    private async Task<ServerDay> LoadServerAsync(string serverId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(serverId, cancellationToken);
        var slots = await posts.GetHistoryAsync(serverId, cancellationToken);
        var sender = sendersByPlatform.GetValueOrDefault(ServerIds.PlatformOf(serverId));

        // The question members can answer now: the latest one posted.
        (DailySlot, InterviewQuestion)? open = null;
        for (var i = slots.Count - 1; i >= 0 && sender is not null; i--)
        {
            if (slots[i] is { Status: DailySlotStatus.Sent, QuestionId: { } id } slot && (slot.SentAt ?? slot.ClaimedAt) <= now)
            {
                open = await catalog.FindAsync(serverId, id, cancellationToken) is { } question ? (slot, question) : null;
                break;
            }
        }

        return new ServerDay(settings, slots, sender, open);
    }

    private async Task<(ReminderMove Move, PlannedSend? Send)> DecideAsync(Reminder reminder, ServerDay server, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = await streaks.TodayAsync(reminder.ServerId, reminder.MemberId, server.Settings, server.Slots, cancellationToken);
        var zone = today.Zone;

        // Never for a past day: after downtime only today's reminder can still be sent, and only once its time has come.
        var date = reminder.DueDate > today.Date ? reminder.DueDate : today.Date;
        var dueAt = TimeZones.ToInstant(date, reminder.Time, zone);
        if (dueAt > now || reminder.LastSentDate >= date)
        {
            var (nextDate, nextAt, nextZone) = NextDue(reminder.Time, today.Clock, zone, reminder.LastSentDate >= date ? date.AddDays(1) : date, now);
            return (new ReminderMove(reminder, reminder with { DueDate = nextDate, DueAt = nextAt, TimeZoneId = TimeZones.NameOf(nextZone) }), null);
        }

        var (tomorrow, tomorrowAt, tomorrowZone) = NextDue(reminder.Time, today.Clock, zone, date.AddDays(1), now);
        var next = reminder with { DueDate = tomorrow, DueAt = tomorrowAt, TimeZoneId = TimeZones.NameOf(tomorrowZone) };
        if (!today.Open || server.Sender is null || server.Open is not { } open)
        {
            return (new ReminderMove(reminder, next), null);
        }

        var message = new ReminderMessage(reminder.ServerId, reminder.MemberId, BuildReply(open.Question, open.Slot.LocalDate, date, TimeZones.NameOf(zone)));
        return (new ReminderMove(reminder, next with { LastSentDate = date }), new PlannedSend(reminder, message, server.Sender, zone, date));
    }

    /// <summary>
    /// <see cref="NextDue(TimeOnly, TimeZoneInfo, DateOnly, DateTimeOffset)"/> in the zone the member's day will follow
    /// then: a /timezone change waiting for the end of their day moves the next reminder into the new zone.
    /// </summary>
    private static (DateOnly Date, DateTimeOffset DueAt, TimeZoneInfo Zone) NextDue(TimeOnly at, MemberClock clock, TimeZoneInfo zone, DateOnly from, DateTimeOffset now)
    {
        var (date, dueAt) = NextDue(at, zone, from, now);
        var then = clock.ZoneAt(dueAt);
        if (TimeZones.NameOf(then) == TimeZones.NameOf(zone))
        {
            return (date, dueAt, zone);
        }

        var (laterDate, laterAt) = NextDue(at, then, from, now);
        return (laterDate, laterAt, then);
    }

    private async Task SendAsync(PlannedSend send, Reminder claimed, RunCounts run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reminder = send.Reminder;
        ReminderResult result;
        try
        {
            result = await send.Sender.SendAsync(send.Message, cancellationToken);
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
                if (TimeZones.LocalDate(retryAt, send.Zone) == send.Date)
                {
                    await reminders.MoveAsync(claimed, reminder with { DueAt = retryAt.ToUniversalTime(), TimeZoneId = TimeZones.NameOf(send.Zone) }, cancellationToken);
                }

                break;
        }
    }

    /// <summary>
    /// The reminder: the open question with its Answer button, and the member's day. No streak count: that needs every
    /// day of the member under the fair rules, too much for each of a minute's reminders; /streak shows it.
    /// </summary>
    public static Reply BuildReply(InterviewQuestion question, DateOnly postDate, DateOnly today, string zoneName)
    {
        ArgumentNullException.ThrowIfNull(question);
        var daily = DailyPostReply.Build(question, postDate);
        return daily with
        {
            Title = "Reminder · " + daily.Title,
            Fields =
            [
                .. daily.Fields,
                new ReplyField("Your day", $"Not answered yet today ({DailyTime.FormatDate(today)}, {zoneName}). Answer before midnight to count it; /streak shows what it keeps."),
            ],
            Visibility = ReplyVisibility.Private,
        };
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Reminder of member {MemberId} in server {ServerId} turned off: {Detail}")]
    private partial void LogTurnedOff(string serverId, string memberId, string detail);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Reminder of member {MemberId} in server {ServerId} not sent ({Detail}); trying again later today")]
    private partial void LogSendFailed(string serverId, string memberId, string detail);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "Reminder of member {MemberId} in server {ServerId}: the sender threw")]
    private partial void LogSendThrew(Exception exception, string serverId, string memberId);

    /// <summary>What a run reads once per server: its settings, its slots, its platform's sender, the question open now.</summary>
    private sealed record ServerDay(ServerSettings? Settings, IReadOnlyList<DailySlot> Slots, IReminderSender? Sender, (DailySlot Slot, InterviewQuestion Question)? Open);

    private sealed class PlannedSend(Reminder reminder, ReminderMessage message, IReminderSender sender, TimeZoneInfo zone, DateOnly date)
    {
        public Reminder Reminder { get; } = reminder;

        public ReminderMessage Message { get; } = message;

        public IReminderSender Sender { get; } = sender;

        public TimeZoneInfo Zone { get; } = zone;

        public DateOnly Date { get; } = date;

        public int MoveIndex { get; set; }
    }

    private sealed class RunCounts
    {
        public int Sent;
        public int Skipped;
        public int TurnedOff;
        public int Failed;
    }
}
