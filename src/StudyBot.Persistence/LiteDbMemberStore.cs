using System.Text.Json.Nodes;
using LiteDB;
using StudyBot.Core.Privacy;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

internal sealed class LiteDbMemberStore(LiteDbGate gate) : IMemberStore, IMemberDataPart
{
    public string Name => "streaks";

    /// <summary>The member, their days and practice answers; the interaction ids go with the member document.</summary>
    public Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<JsonNode?>(
            db =>
            {
                var member = Schema.MembersOf(db).FindById(Keys.Member(serverId, memberId));
                var days = Schema.ActiveDaysOf(db).Find(BoundQueries.IdStartsWith(db, Keys.DaysOf(serverId, memberId))).ToList();
                var practice = Schema.PracticeAnswersOf(db).Find(BoundQueries.IdStartsWith(db, $"p:{serverId}:{memberId}:")).ToList();
                if (member is null && days.Count == 0)
                {
                    return null;
                }

                return new JsonObject
                {
                    ["displayName"] = member?.DisplayName,
                    ["timeZone"] = member?.TimeZoneId,
                    ["profileTimeZone"] = member?.ProfileTimeZoneId,
                    ["bestStreak"] = member?.BestStreak,
                    ["activeDays"] = new JsonArray([.. days.Select(d => new JsonObject
                    {
                        ["date"] = d.Date,
                        ["timeZone"] = d.TimeZoneId,
                        ["questionId"] = d.QuestionId,
                        ["answers"] = d.Answers,
                        ["answeredAt"] = d.AnsweredAt,
                    })]),
                    ["practiceAnswers"] = new JsonArray([.. practice.Select(p => new JsonObject
                    {
                        ["dayAndNumber"] = p.Id[$"p:{serverId}:{memberId}:".Length..],
                        ["timeZone"] = p.TimeZoneId,
                        ["questionId"] = p.QuestionId,
                    })]),
                };
            },
            cancellationToken);

    /// <summary>Removes the member document (with their recent interaction ids), their days and practice answers.</summary>
    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunInTransactionAsync(
            db =>
            {
                gate.Cache.Remove(GateCache.DaysKey(serverId, memberId));
                gate.Cache.Remove(GateCache.MemberKey(serverId, memberId));
                var collection = db.GetCollection(Schema.Streaks);
                var removed = collection.Delete(Keys.Member(serverId, memberId)) ? 1 : 0;
                removed += collection.DeleteMany(BoundQueries.IdStartsWith(db, Keys.DaysOf(serverId, memberId)));
                removed += collection.DeleteMany(BoundQueries.IdStartsWith(db, $"p:{serverId}:{memberId}:"));
                return removed;
            },
            cancellationToken);

    public Task<MemberRecord?> GetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Member(gate, db, serverId, memberId)?.ToRecord(), cancellationToken);

    public Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string serverId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<MemberRecord>>(
            db => db.GetCollection(Schema.Streaks)
                .Find(BoundQueries.IdStartsWith(db, Keys.MembersOf(serverId)))
                .Select(MemberDocument.ToRecord)
                .ToList(),
            cancellationToken);

    public Task SetTimeZoneAsync(string serverId, string memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return gate.RunAsync(
            db =>
            {
                // Not in a transaction: the cached document is dropped rather than changed, so a failed write leaves none.
                gate.Cache.Remove(GateCache.MemberKey(serverId, memberId));
                var members = Schema.MembersOf(db);
                var member = members.FindById(Keys.Member(serverId, memberId)) ?? MemberDocument.New(serverId, memberId, displayName);
                member.DisplayName = displayName;
                member.TimeZoneId = timeZoneId;
                members.Upsert(member);
            },
            cancellationToken);
    }

    public Task<CreditResult> RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return gate.RunInTransactionAsync(
            db => Record(gate, db, answer),
            cancellationToken);
    }

    public Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<DateOnly>>(db => ActiveDays(db, serverId, memberId).Order().ToList(), cancellationToken);

    public Task<IReadOnlyList<ActiveDay>> GetDaysAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<ActiveDay>>(
            db => gate.Cache.GetOrAdd<ActiveDay[]>(
                GateCache.DaysKey(serverId, memberId),
                () => [.. Schema.ActiveDaysOf(db)
                    .Find(BoundQueries.IdStartsWith(db, Keys.DaysOf(serverId, memberId)))
                    .Select(d => new ActiveDay(Keys.ParseDate(d.Date), d.TimeZoneId, d.QuestionId, d.Answers, d.AnsweredAt is null ? null : Keys.ParseInstant(d.AnsweredAt)))
                    .OrderBy(d => d.Date)],
                days => days.Length),
            cancellationToken);

    public Task<int> CountAnswersAsync(string serverId, string memberId, DateOnly localDate, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.ActiveDaysOf(db).FindById(Keys.Day(serverId, memberId, localDate))?.Answers ?? 0, cancellationToken);

    /// <summary>
    /// Runs inside the gate and one transaction, so the check-then-insert steps cannot interleave with another answer.
    /// A credit reads the member (from the gate's cache when it is there) and writes the new day and the member: the
    /// fewest index steps LiteDB allows for it. What it writes goes through to the cached member and days, which the
    /// gate clears if the transaction is rolled back.
    /// </summary>
    internal static CreditResult Record(LiteDbGate gate, LiteDatabase db, AnswerRecord answer)
    {
        var streaks = db.GetCollection(Schema.Streaks);
        var days = Schema.ActiveDaysOf(db);
        var member = Member(gate, db, answer.ServerId, answer.MemberId);
        var current = member?.Summary ?? StreakSummary.Empty;
        if (answer.InteractionId is { } interactionId && member?.Recent.Find(r => r.InteractionId == interactionId) is { } recent)
        {
            return Original(db, answer, Keys.ParseDate(recent.Date), interactionId, current);
        }

        // The cache's last active date is the latest active day (both change in one transaction), so an answer for a
        // later day starts a new day without looking it up.
        var dayKey = Keys.Day(answer.ServerId, answer.MemberId, answer.LocalDate);
        var day = current.LastActiveDate is { } last && answer.LocalDate <= last ? days.FindById(dayKey) : null;
        if (day is not null)
        {
            // A day's credit is found on the day even after the member's recent answers have moved on.
            if (answer.InteractionId is not null && day.InteractionId == answer.InteractionId)
            {
                return new CreditResult(CreditStatus.DuplicateInteraction, answer.LocalDate, day.TimeZoneId, current);
            }

            Schema.PracticeAnswersOf(db).Insert(new PracticeAnswerDocument
            {
                Id = Keys.Practice(answer.ServerId, answer.MemberId, answer.LocalDate, day.Answers),
                TimeZoneId = answer.TimeZoneId,
                QuestionId = answer.QuestionId,
                InteractionId = answer.InteractionId,
            });
            day.Answers++;
            days.Update(day);
            CountThrough(gate, answer, day.Answers);

            // A day exists only after its member does.
            if (answer.InteractionId is not null
                || member!.DisplayName != answer.DisplayName
                || (answer.ProfileTimeZoneId is not null && member.ProfileTimeZoneId != answer.ProfileTimeZoneId))
            {
                member!.DisplayName = answer.DisplayName;
                member.ProfileTimeZoneId = answer.ProfileTimeZoneId ?? member.ProfileTimeZoneId;
                member.Remember(answer.InteractionId, answer.LocalDate);
                streaks.Update(member.ToBson());
            }

            return new CreditResult(CreditStatus.AlreadyCountedToday, answer.LocalDate, answer.TimeZoneId, current);
        }

        var summary = StreakMath.AddDay(current, answer.LocalDate, () => ActiveDays(db, answer.ServerId, answer.MemberId));
        var added = new ActiveDayDocument
        {
            Id = dayKey,
            Date = Keys.Date(answer.LocalDate),
            Answers = 1,
            TimeZoneId = answer.TimeZoneId,
            QuestionId = answer.QuestionId,
            InteractionId = answer.InteractionId,
            AnsweredAt = Keys.Instant(answer.AnsweredAt),
        };
        streaks.Insert(added.ToBson());
        AddThrough(gate, answer);

        // The member was looked up above: an upsert would look it up again.
        var isNew = member is null;
        member ??= MemberDocument.New(answer.ServerId, answer.MemberId, answer.DisplayName);
        member.DisplayName = answer.DisplayName;
        member.ProfileTimeZoneId = answer.ProfileTimeZoneId ?? member.ProfileTimeZoneId;
        member.Summary = summary;
        member.Remember(answer.InteractionId, answer.LocalDate);
        if (isNew)
        {
            streaks.Insert(member.ToBson());
            gate.Cache.Set(GateCache.MemberKey(answer.ServerId, answer.MemberId), member, MemberDocument.CachedWeight);
        }
        else
        {
            streaks.Update(member.ToBson());
        }

        return new CreditResult(CreditStatus.Credited, answer.LocalDate, answer.TimeZoneId, summary);
    }

    /// <summary>
    /// The member's document, from the gate's cache or read (and then cached); null if there is none. The cached document
    /// is the one a credit changes and writes, so it always matches the file (a rolled-back batch clears the cache).
    /// </summary>
    private static MemberDocument? Member(LiteDbGate gate, LiteDatabase db, string serverId, string memberId)
    {
        var key = GateCache.MemberKey(serverId, memberId);
        if (gate.Cache.TryGet<MemberDocument>(key, out var cached))
        {
            return cached;
        }

        if (db.GetCollection(Schema.Streaks).FindById(Keys.Member(serverId, memberId)) is not { } stored)
        {
            return null;
        }

        var member = MemberDocument.FromBson(stored);
        gate.Cache.Set(key, member, MemberDocument.CachedWeight);
        return member;
    }

    /// <summary>A new active day, written through to the member's cached days (a new array: the old one may be in use).</summary>
    private static void AddThrough(LiteDbGate gate, AnswerRecord answer)
    {
        var key = GateCache.DaysKey(answer.ServerId, answer.MemberId);
        if (!gate.Cache.TryGet<ActiveDay[]>(key, out var cached))
        {
            return;
        }

        var day = new ActiveDay(answer.LocalDate, answer.TimeZoneId, answer.QuestionId, 1, answer.AnsweredAt);
        var at = cached.Length;
        while (at > 0 && cached[at - 1].Date > answer.LocalDate)
        {
            at--;
        }

        ActiveDay[] updated = [.. cached.AsSpan(0, at), day, .. cached.AsSpan(at)];
        gate.Cache.Set(key, updated, updated.Length);
    }

    /// <summary>A day's new answer count, written through to the member's cached days.</summary>
    private static void CountThrough(LiteDbGate gate, AnswerRecord answer, int answers)
    {
        var key = GateCache.DaysKey(answer.ServerId, answer.MemberId);
        if (!gate.Cache.TryGet<ActiveDay[]>(key, out var cached))
        {
            return;
        }

        var at = Array.FindIndex(cached, d => d.Date == answer.LocalDate);
        if (at < 0)
        {
            // Not where it should be: the next read fills the entry again from the file.
            gate.Cache.Remove(key);
            return;
        }

        var updated = (ActiveDay[])cached.Clone();
        updated[at] = updated[at] with { Answers = answers };
        gate.Cache.Set(key, updated, updated.Length);
    }

    /// <summary>A redelivered interaction: the date and zone it was first counted with, from its day or its practice answer.</summary>
    private static CreditResult Original(LiteDatabase db, AnswerRecord answer, DateOnly date, string interactionId, StreakSummary current)
    {
        var day = Schema.ActiveDaysOf(db).FindById(Keys.Day(answer.ServerId, answer.MemberId, date));
        var zone = day?.InteractionId == interactionId
            ? day.TimeZoneId
            : Schema.PracticeAnswersOf(db)
                .Find(BoundQueries.IdStartsWith(db, Keys.PracticeOf(answer.ServerId, answer.MemberId, date)))
                .FirstOrDefault(p => p.InteractionId == interactionId)?.TimeZoneId;
        return new CreditResult(CreditStatus.DuplicateInteraction, date, zone ?? answer.TimeZoneId, current);
    }

    private static List<DateOnly> ActiveDays(LiteDatabase db, string serverId, string memberId) =>
        Schema.ActiveDaysOf(db)
            .Find(BoundQueries.IdStartsWith(db, Keys.DaysOf(serverId, memberId)))
            .Select(d => Keys.ParseDate(d.Date))
            .ToList();
}
