using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>
/// A dictionary-backed <see cref="IMemberStore"/> that keeps the port's contract: answers are appended, a repeated
/// interaction id changes nothing, the first answer of a local day adds the active day and updates the streak cache
/// through <see cref="StreakMath.AddDay"/>, later answers that day are practice.
/// </summary>
internal sealed class InMemoryMemberStore : IMemberStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(ulong Server, ulong Member), MemberRecord> members = [];
    private readonly Dictionary<(ulong Server, ulong Member), SortedSet<DateOnly>> activeDays = [];
    private readonly Dictionary<string, AnswerRecord> answersByInteraction = new(StringComparer.Ordinal);
    private readonly List<AnswerRecord> answers = [];

    public IReadOnlyList<AnswerRecord> Answers
    {
        get
        {
            lock (gate)
            {
                return [.. answers];
            }
        }
    }

    /// <summary>Test setup: the member answered on each of these days (as if through <see cref="RecordAnswerAsync"/>).</summary>
    public void SeedActiveDays(ulong serverId, ulong memberId, string displayName, IEnumerable<DateOnly> days)
    {
        lock (gate)
        {
            var set = DaysOf(serverId, memberId);
            set.UnionWith(days);
            var existing = members.GetValueOrDefault((serverId, memberId));
            members[(serverId, memberId)] = new MemberRecord(serverId, memberId, displayName, existing?.TimeZoneId, StreakMath.Recompute(set));
        }
    }

    public Task<MemberRecord?> GetMemberAsync(ulong serverId, ulong memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(members.GetValueOrDefault((serverId, memberId)));
        }
    }

    public Task<IReadOnlyList<MemberRecord>> GetMembersAsync(ulong serverId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<MemberRecord>>([.. members.Values.Where(m => m.ServerId == serverId)]);
        }
    }

    public Task SetTimeZoneAsync(ulong serverId, ulong memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var existing = members.GetValueOrDefault((serverId, memberId));
            members[(serverId, memberId)] = existing is null
                ? new MemberRecord(serverId, memberId, displayName, timeZoneId, StreakSummary.Empty)
                : existing with { DisplayName = displayName, TimeZoneId = timeZoneId };
            return Task.CompletedTask;
        }
    }

    public Task<CreditResult> RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (gate)
        {
            var key = (answer.ServerId, answer.MemberId);
            var member = members.GetValueOrDefault(key);
            if (answer.InteractionId is not null && answersByInteraction.TryGetValue(answer.InteractionId, out var original))
            {
                return Task.FromResult(new CreditResult(
                    CreditStatus.DuplicateInteraction, original.LocalDate, original.TimeZoneId, member?.Streak ?? StreakSummary.Empty));
            }

            answers.Add(answer);
            if (answer.InteractionId is not null)
            {
                answersByInteraction[answer.InteractionId] = answer;
            }

            var days = DaysOf(answer.ServerId, answer.MemberId);
            if (days.Contains(answer.LocalDate))
            {
                return Task.FromResult(new CreditResult(
                    CreditStatus.AlreadyCountedToday, answer.LocalDate, answer.TimeZoneId, member?.Streak ?? StreakSummary.Empty));
            }

            var summary = StreakMath.AddDay(member?.Streak ?? StreakSummary.Empty, answer.LocalDate, () => [.. days]);
            days.Add(answer.LocalDate);
            members[key] = member is null
                ? new MemberRecord(answer.ServerId, answer.MemberId, answer.DisplayName, null, summary)
                : member with { DisplayName = answer.DisplayName, Streak = summary };
            return Task.FromResult(new CreditResult(CreditStatus.Credited, answer.LocalDate, answer.TimeZoneId, summary));
        }
    }

    public Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(ulong serverId, ulong memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<DateOnly>>([.. DaysOf(serverId, memberId)]);
        }
    }

    public Task<int> CountAnswersAsync(ulong serverId, ulong memberId, DateOnly localDate, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(answers.Count(a => a.ServerId == serverId && a.MemberId == memberId && a.LocalDate == localDate));
        }
    }

    private SortedSet<DateOnly> DaysOf(ulong serverId, ulong memberId)
    {
        if (!activeDays.TryGetValue((serverId, memberId), out var set))
        {
            set = [];
            activeDays[(serverId, memberId)] = set;
        }

        return set;
    }
}
