using LiteDB;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

internal sealed class LiteDbMemberStore(LiteDbGate gate) : IMemberStore
{
    public Task<MemberRecord?> GetMemberAsync(ulong serverId, ulong memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.MembersOf(db).FindById(Keys.Member(serverId, memberId))?.ToRecord(), cancellationToken);

    public Task<IReadOnlyList<MemberRecord>> GetMembersAsync(ulong serverId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<MemberRecord>>(
            db => Schema.MembersOf(db)
                .Find(Schema.IdStartsWith(Keys.Id(serverId) + ":"))
                .Select(m => m.ToRecord())
                .ToList(),
            cancellationToken);

    public Task SetTimeZoneAsync(ulong serverId, ulong memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return gate.RunAsync(
            db =>
            {
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
        return gate.RunInTransactionAsync(db => Record(db, answer), cancellationToken);
    }

    public Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(ulong serverId, ulong memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<DateOnly>>(db => ActiveDays(db, Keys.Member(serverId, memberId)).Order().ToList(), cancellationToken);

    public Task<int> CountAnswersAsync(ulong serverId, ulong memberId, DateOnly localDate, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.ActiveDaysOf(db).FindById(Keys.Day(serverId, memberId, localDate))?.Answers ?? 0, cancellationToken);

    /// <summary>Runs inside the gate and one transaction, so the check-then-insert steps cannot interleave with another answer.</summary>
    private static CreditResult Record(LiteDatabase db, AnswerRecord answer)
    {
        var answers = Schema.AnswersOf(db);
        var members = Schema.MembersOf(db);
        var memberKey = Keys.Member(answer.ServerId, answer.MemberId);

        if (answer.InteractionId is not null && answers.FindById(answer.InteractionId) is { } original)
        {
            var streak = members.FindById(memberKey)?.Summary ?? StreakSummary.Empty;
            return new CreditResult(CreditStatus.DuplicateInteraction, original.LocalDate, original.TimeZoneId, streak);
        }

        // The cache's last active date is the latest active day (both change in one transaction), so an answer for a
        // later day starts a new day without looking it up.
        var days = Schema.ActiveDaysOf(db);
        var dayKey = Keys.Day(answer.ServerId, answer.MemberId, answer.LocalDate);
        var member = members.FindById(memberKey);
        var current = member?.Summary ?? StreakSummary.Empty;
        var day = current.LastActiveDate is { } last && answer.LocalDate <= last ? days.FindById(dayKey) : null;
        var status = day is null ? CreditStatus.Credited : CreditStatus.AlreadyCountedToday;
        answers.Insert(new AnswerDocument
        {
            Id = answer.InteractionId is null ? ObjectId.NewObjectId() : new BsonValue(answer.InteractionId),
            DayKey = dayKey,
            TimeZoneId = answer.TimeZoneId,
            QuestionId = answer.QuestionId,
            Status = status,
        });

        if (day is not null)
        {
            day.Answers++;
            days.Update(day);
            return new CreditResult(status, answer.LocalDate, answer.TimeZoneId, current);
        }

        var summary = StreakMath.AddDay(current, answer.LocalDate, () => ActiveDays(db, memberKey));
        days.Insert(new ActiveDayDocument { Id = dayKey, Date = Keys.Date(answer.LocalDate), Answers = 1 });

        // The member was looked up above: an upsert would look it up again.
        if (member is null)
        {
            member = MemberDocument.New(answer.ServerId, answer.MemberId, answer.DisplayName);
            member.Summary = summary;
            members.Insert(member);
        }
        else
        {
            member.Summary = summary;
            member.DisplayName = answer.DisplayName;
            members.Update(member);
        }

        return new CreditResult(status, answer.LocalDate, answer.TimeZoneId, summary);
    }

    private static List<DateOnly> ActiveDays(LiteDatabase db, string memberKey) =>
        Schema.ActiveDaysOf(db)
            .Find(Schema.IdStartsWith(memberKey + ":"))
            .Select(d => Keys.ParseDate(d.Date))
            .ToList();
}
