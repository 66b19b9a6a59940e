using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Content;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;

namespace StudyBot.Core.Daily;

/// <summary>
/// Exactly one daily post per server and local date: the slot and its question are claimed in storage before
/// anything is sent, a retry reuses the claim, and a day that could not be posted in time is recorded as missed.
/// </summary>
public sealed partial class DailyQuestionService(
    QuestionCatalog catalog,
    IServerStore servers,
    IDailyPostStore posts,
    IEnumerable<IDailyPostSender> senders,
    IDailyScheduleRegistry scheduleRegistry,
    TimeProvider time,
    IOptions<DailyQuestionOptions> options,
    ILogger<DailyQuestionService> logger)
{
    // One run at a time per server, so a trigger and a post-now cannot both send the same claim.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> serverGates = new();

    private readonly Dictionary<string, IDailyPostSender> sendersByPlatform = OnePerPlatform(senders);

    /// <summary>Whether this process posts for the server: its platform's adapter is running.</summary>
    public bool Serves(string serverId) => sendersByPlatform.ContainsKey(ServerIds.PlatformOf(serverId));

    /// <summary>The scheduled run: posts the question of the local date the trigger was meant for.</summary>
    public async Task<DailyRunResult> RunScheduledAsync(string serverId, DateTimeOffset? scheduledFor, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(serverId, cancellationToken);
        if (settings is null)
        {
            return new DailyRunResult(DailyRunOutcome.NotConfigured, null);
        }

        if (settings.Paused)
        {
            return new DailyRunResult(DailyRunOutcome.Paused, null, settings.PausedReason);
        }

        var zone = TimeZones.FindOrUtc(settings.TimeZoneId);
        var date = TimeZones.LocalDate(scheduledFor ?? time.GetUtcNow(), zone);
        return await PostForDateAsync(settings, date, cancellationToken);
    }

    /// <summary>On start: posts what downtime held back, within the window; records older days as missed.</summary>
    public async Task<IReadOnlyList<DailyRunResult>> CatchUpAsync(CancellationToken cancellationToken)
    {
        var results = new List<DailyRunResult>();
        foreach (var settings in await servers.GetAllAsync(cancellationToken))
        {
            // A platform that is not connected now is not down: its days are left for when it runs again.
            if (Serves(settings.ServerId))
            {
                results.Add(await CatchUpServerAsync(settings, cancellationToken));
            }
        }

        return results;
    }

    public async Task<DailyRunResult> PostNowAsync(string serverId, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(serverId, cancellationToken);
        if (settings is null)
        {
            return new DailyRunResult(DailyRunOutcome.NotConfigured, null);
        }

        var date = TodayFor(settings);
        await posts.RemoveSkipAsync(serverId, date, cancellationToken);
        return await PostForDateAsync(settings, date, cancellationToken);
    }

    /// <summary>Skips the next daily post that has not happened yet; returns its date.</summary>
    public async Task<DateOnly?> SkipNextAsync(string serverId, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(serverId, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var next = NextRunDates(settings, 1)[0];
        while (await posts.GetAsync(serverId, next, cancellationToken) is not null)
        {
            next = next.AddDays(1);
        }

        var skipped = new DailySlot(serverId, next, DailySlotStatus.Skipped, null, 0, NewNonce(), null, time.GetUtcNow(), null);
        await posts.ClaimAsync(skipped, cancellationToken);
        return next;
    }

    public async Task<ServerSettings?> PauseAsync(string serverId, string reason, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(serverId, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var paused = settings with { Paused = true, PausedReason = reason };
        await servers.SaveAsync(paused, cancellationToken);
        await scheduleRegistry.ApplyAsync(paused, cancellationToken);
        return paused;
    }

    /// <summary>Resumes the schedule and undoes pending skips; a post held back today within the window goes out now.</summary>
    public async Task<DailyRunResult?> ResumeAsync(string serverId, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(serverId, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var resumed = settings with { Paused = false, PausedReason = null };
        await servers.SaveAsync(resumed, cancellationToken);
        foreach (var slot in await posts.GetHistoryAsync(serverId, cancellationToken))
        {
            if (slot.Status == DailySlotStatus.Skipped && slot.LocalDate >= TodayFor(resumed))
            {
                await posts.RemoveSkipAsync(serverId, slot.LocalDate, cancellationToken);
            }
        }

        await scheduleRegistry.ApplyAsync(resumed, cancellationToken);
        return await CatchUpServerAsync(resumed, cancellationToken);
    }

    /// <summary>The most recent daily question members have seen in the server, if any.</summary>
    public async Task<(DailySlot Slot, InterviewQuestion Question)?> GetLatestPostedAsync(string serverId, CancellationToken cancellationToken)
    {
        var history = await posts.GetHistoryAsync(serverId, cancellationToken);
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Status == DailySlotStatus.Sent && await catalog.FindAsync(serverId, history[i].QuestionId ?? 0, cancellationToken) is { } question)
            {
                return (history[i], question);
            }
        }

        return null;
    }

    public Task<IReadOnlyList<DailySlot>> GetHistoryAsync(string serverId, CancellationToken cancellationToken) =>
        posts.GetHistoryAsync(serverId, cancellationToken);

    /// <summary>The next <paramref name="count"/> local dates whose post time is still ahead.</summary>
    public IReadOnlyList<DateOnly> NextRunDates(ServerSettings settings, int count)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var zone = TimeZones.FindOrUtc(settings.TimeZoneId);
        var now = time.GetUtcNow();
        var date = TimeZones.LocalDate(now, zone);
        var dates = new List<DateOnly>(count);
        while (dates.Count < count)
        {
            if (TimeZones.ToInstant(date, settings.PostTime, zone) > now)
            {
                dates.Add(date);
            }

            date = date.AddDays(1);
        }

        return dates;
    }

    public DateOnly TodayFor(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TimeZones.LocalDate(time.GetUtcNow(), TimeZones.FindOrUtc(settings.TimeZoneId));
    }

    private async Task<DailyRunResult> CatchUpServerAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Paused)
        {
            return new DailyRunResult(DailyRunOutcome.Paused, null, settings.PausedReason);
        }

        var zone = TimeZones.FindOrUtc(settings.TimeZoneId);
        var now = time.GetUtcNow();
        var today = TimeZones.LocalDate(now, zone);

        // The latest post time that has already passed: today's, or yesterday's if today's is still ahead.
        var dueDate = TimeZones.ToInstant(today, settings.PostTime, zone) <= now ? today : today.AddDays(-1);
        await MarkStaleClaimsMissedAsync(settings.ServerId, dueDate, cancellationToken);
        var dueAt = TimeZones.ToInstant(dueDate, settings.PostTime, zone);
        if (dueAt < settings.ConfiguredAt)
        {
            return new DailyRunResult(DailyRunOutcome.NotDue, null);
        }

        var existing = await posts.GetAsync(settings.ServerId, dueDate, cancellationToken);
        if (existing is not null && existing.Status != DailySlotStatus.Claimed)
        {
            return new DailyRunResult(Settled(existing.Status), existing);
        }

        if (now - dueAt <= options.Value.CatchUpWindow)
        {
            LogCatchingUp(settings.ServerId, dueDate);
            return await PostForDateAsync(settings, dueDate, cancellationToken);
        }

        var missed = existing is not null
            ? existing with { Status = DailySlotStatus.Missed }
            : new DailySlot(settings.ServerId, dueDate, DailySlotStatus.Missed, null, 0, NewNonce(), null, now, null);
        if (existing is null)
        {
            missed = await posts.ClaimAsync(missed, cancellationToken);
        }
        else
        {
            await posts.UpdateAsync(missed, cancellationToken);
        }

        LogMissed(settings.ServerId, dueDate);
        return new DailyRunResult(DailyRunOutcome.Missed, missed);
    }

    // A claim from an earlier day that never got sent will not be sent any more.
    private async Task MarkStaleClaimsMissedAsync(string serverId, DateOnly dueDate, CancellationToken cancellationToken)
    {
        foreach (var slot in await posts.GetHistoryAsync(serverId, cancellationToken))
        {
            if (slot.Status == DailySlotStatus.Claimed && slot.LocalDate < dueDate)
            {
                await posts.UpdateAsync(slot with { Status = DailySlotStatus.Missed }, cancellationToken);
            }
        }
    }

    private async Task<DailyRunResult> PostForDateAsync(ServerSettings settings, DateOnly date, CancellationToken cancellationToken)
    {
        if (!sendersByPlatform.TryGetValue(ServerIds.PlatformOf(settings.ServerId), out var sender))
        {
            return new DailyRunResult(DailyRunOutcome.PlatformNotRunning, null, $"No adapter for '{ServerIds.PlatformOf(settings.ServerId)}' runs in this process.");
        }

        var gate = serverGates.GetOrAdd(settings.ServerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var slot = await posts.GetAsync(settings.ServerId, date, cancellationToken) ?? await ClaimAsync(settings, date, cancellationToken);
            if (slot.Status != DailySlotStatus.Claimed)
            {
                return new DailyRunResult(Settled(slot.Status), slot);
            }

            var pool = await catalog.RotationPoolAsync(settings, cancellationToken);
            var question = pool.FirstOrDefault(q => q.Id == slot.QuestionId);
            if (question is null)
            {
                // The claimed question left the pool since (the content was edited, an own question retired, the
                // source changed): choose again rather than post nothing, or post what is no longer asked.
                var history = await posts.GetHistoryAsync(settings.ServerId, cancellationToken);
                question = QuestionRotation.PickNext(pool, history, date).Question;
                slot = slot with { QuestionId = question.Id };
                await posts.UpdateAsync(slot, cancellationToken);
            }

            return await SendAsync(sender, settings, slot, question, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DailySlot> ClaimAsync(ServerSettings settings, DateOnly date, CancellationToken cancellationToken)
    {
        var history = await posts.GetHistoryAsync(settings.ServerId, cancellationToken);
        var pool = await catalog.RotationPoolAsync(settings, cancellationToken);
        var (question, cycle) = QuestionRotation.PickNext(pool, history, date);
        var proposed = new DailySlot(settings.ServerId, date, DailySlotStatus.Claimed, question.Id, cycle, NewNonce(), null, time.GetUtcNow(), null);
        return await posts.ClaimAsync(proposed, cancellationToken);
    }

    private async Task<DailyRunResult> SendAsync(IDailyPostSender sender, ServerSettings settings, DailySlot slot, InterviewQuestion question, CancellationToken cancellationToken)
    {
        DailyPostResult result;
        try
        {
            result = await sender.SendAsync(new DailyPost(settings, slot, question), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendThrew(ex, settings.ServerId, slot.LocalDate);
            return new DailyRunResult(DailyRunOutcome.Failed, slot, "The post could not be sent; it will be retried.");
        }

        switch (result.Outcome)
        {
            case DailyPostOutcome.Sent:
                var sent = slot with { Status = DailySlotStatus.Sent, MessageId = result.MessageId, SentAt = time.GetUtcNow() };
                await posts.UpdateAsync(sent, cancellationToken);
                LogPosted(settings.ServerId, slot.LocalDate, question.Id);
                return new DailyRunResult(DailyRunOutcome.Posted, sent);
            case DailyPostOutcome.ChannelUnavailable:
                var reason = $"The bot cannot post in the configured channel ({result.Detail ?? "no access"}). Fix its permissions or run /setup again, then /schedule resume.";
                await PauseAsync(settings.ServerId, reason, cancellationToken);
                LogChannelUnavailable(settings.ServerId, result.Detail ?? "no detail");
                return new DailyRunResult(DailyRunOutcome.ChannelUnavailable, slot, reason);
            default:
                LogSendFailed(settings.ServerId, slot.LocalDate, result.Detail ?? "no detail");
                return new DailyRunResult(DailyRunOutcome.Failed, slot, result.Detail);
        }
    }

    private static DailyRunOutcome Settled(DailySlotStatus status) => status switch
    {
        DailySlotStatus.Sent => DailyRunOutcome.AlreadyPosted,
        DailySlotStatus.Skipped => DailyRunOutcome.Skipped,
        DailySlotStatus.Missed => DailyRunOutcome.Missed,
        _ => DailyRunOutcome.Failed,
    };

    // A token unique to the slot, stored with the claim: a retry sends the same one, so a platform can recognise it.
    private static string NewNonce() => Guid.NewGuid().ToString("N");

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Posted the daily question {QuestionId} for server {ServerId} on {LocalDate:yyyy-MM-dd}")]
    private partial void LogPosted(string serverId, DateOnly localDate, int questionId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Catching up the daily post of server {ServerId} for {LocalDate:yyyy-MM-dd}")]
    private partial void LogCatchingUp(string serverId, DateOnly localDate);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The daily post of server {ServerId} for {LocalDate:yyyy-MM-dd} was missed: outside the catch-up window")]
    private partial void LogMissed(string serverId, DateOnly localDate);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Server {ServerId}: channel unavailable ({Detail}); its schedule is paused")]
    private partial void LogChannelUnavailable(string serverId, string detail);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The daily post of server {ServerId} for {LocalDate:yyyy-MM-dd} failed: {Detail}; the claim is kept for a retry")]
    private partial void LogSendFailed(string serverId, DateOnly localDate, string detail);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Sending the daily post of server {ServerId} for {LocalDate:yyyy-MM-dd} threw; the claim is kept for a retry")]
    private partial void LogSendThrew(Exception exception, string serverId, DateOnly localDate);

    // A host that wired two senders for one platform would post twice or to the wrong place: stop at start, saying so.
    private static Dictionary<string, IDailyPostSender> OnePerPlatform(IEnumerable<IDailyPostSender> senders)
    {
        var byPlatform = new Dictionary<string, IDailyPostSender>(StringComparer.Ordinal);
        foreach (var sender in senders)
        {
            if (!byPlatform.TryAdd(sender.Platform, sender))
            {
                throw new InvalidOperationException($"Two daily post senders are registered for the platform '{sender.Platform}' ({byPlatform[sender.Platform].GetType().Name} and {sender.GetType().Name}); register one.");
            }
        }

        return byPlatform;
    }
}
