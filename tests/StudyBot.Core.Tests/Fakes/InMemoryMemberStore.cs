using System.Text.Json.Nodes;
using StudyBot.Core.Privacy;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>
/// A dictionary-backed <see cref="IMemberStore"/> that keeps the port's promise and no more, as the LiteDB store does:
/// a repeated interaction id is recognised only among the member's latest
/// <see cref="IMemberStore.RecentInteractionsRecognised"/> answers or as the credit of its own day, so no Core test can
/// pass on a memory production lacks. <see cref="InMemoryMemberStoreContractTests"/> holds it to the port.
/// </summary>
internal sealed class InMemoryMemberStore : IMemberStore, IMemberDataPart
{
    public string Name => "streaks";

    public Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!members.TryGetValue((serverId, memberId), out var member))
            {
                return Task.FromResult<JsonNode?>(null);
            }

            return Task.FromResult<JsonNode?>(new JsonObject
            {
                ["displayName"] = member.DisplayName,
                ["timeZone"] = member.TimeZoneId,
                ["activeDays"] = new JsonArray([.. member.Days.Keys.Select(d => JsonValue.Create(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))]),
            });
        }
    }

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) => Task.FromResult(Delete(serverId, memberId));

    private readonly Lock gate = new();
    private readonly Dictionary<(string Server, string Member), StoredMember> members = [];
    private readonly List<AnswerRecord> answers = [];

    /// <summary>Every answer stored through <see cref="RecordAnswerAsync"/> (credits and practice, not recognised repeats), in order.</summary>
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

    /// <summary>
    /// Test setup: the member answered on each of these days, as if through <see cref="RecordAnswerAsync"/> with no
    /// interaction id, but without adding to <see cref="Answers"/>.
    /// </summary>
    public void SeedActiveDays(string serverId, string memberId, string displayName, IEnumerable<DateOnly> days)
    {
        lock (gate)
        {
            var member = MemberFor(serverId, memberId, displayName);
            member.DisplayName = displayName;
            foreach (var day in days)
            {
                member.Days.TryAdd(day, new StoredDay(CreditInteractionId: null, CreditTimeZoneId: "UTC") { Answers = 1 });
            }

            member.Streak = StreakMath.Recompute(member.Days.Keys);
        }
    }

    public Task<MemberRecord?> GetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<MemberRecord?>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult(members.GetValueOrDefault((serverId, memberId))?.ToRecord(serverId, memberId));
        }
    }

    public Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string serverId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<MemberRecord>>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<MemberRecord>>(
                [.. members.Where(m => m.Key.Server == serverId).Select(m => m.Value.ToRecord(m.Key.Server, m.Key.Member))]);
        }
    }

    public Task SetTimeZoneAsync(string serverId, string memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        lock (gate)
        {
            var member = MemberFor(serverId, memberId, displayName);
            member.DisplayName = displayName;
            member.TimeZoneId = timeZoneId;
            return Task.CompletedTask;
        }
    }

    public Task<CreditResult> RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<CreditResult>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult(Record(answer));
        }
    }

    public Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<DateOnly>>(cancellationToken);
        }

        lock (gate)
        {
            IReadOnlyList<DateOnly> days = members.TryGetValue((serverId, memberId), out var member) ? [.. member.Days.Keys] : [];
            return Task.FromResult(days);
        }
    }

    public Task<IReadOnlyList<ActiveDay>> GetDaysAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ActiveDay>>(cancellationToken);
        }

        lock (gate)
        {
            IReadOnlyList<ActiveDay> days = members.TryGetValue((serverId, memberId), out var member)
                ? [.. member.Days.Select(d => new ActiveDay(d.Key, d.Value.CreditTimeZoneId, d.Value.QuestionId, d.Value.Answers, d.Value.AnsweredAt))]
                : [];
            return Task.FromResult(days);
        }
    }

    /// <summary>Removes the member and everything stored with them; returns how many records went (member, days).</summary>
    public int Delete(string serverId, string memberId)
    {
        lock (gate)
        {
            if (!members.Remove((serverId, memberId), out var member))
            {
                return 0;
            }

            answers.RemoveAll(a => a.ServerId == serverId && a.MemberId == memberId);
            return 1 + member.Days.Count;
        }
    }

    public Task<int> CountAnswersAsync(string serverId, string memberId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<int>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult(members.GetValueOrDefault((serverId, memberId))?.Days.GetValueOrDefault(localDate)?.Answers ?? 0);
        }
    }

    /// <summary>Under the lock; the same steps, in the same order, as the LiteDB store.</summary>
    private CreditResult Record(AnswerRecord answer)
    {
        var member = members.GetValueOrDefault((answer.ServerId, answer.MemberId));
        var current = member?.Streak ?? StreakSummary.Empty;
        if (answer.InteractionId is { } interactionId && member?.Recent.Find(r => r.InteractionId == interactionId) is { } recent)
        {
            return new CreditResult(CreditStatus.DuplicateInteraction, recent.LocalDate, recent.TimeZoneId, current);
        }

        if (member?.Days.GetValueOrDefault(answer.LocalDate) is { } day)
        {
            // A day's credit is recognised on its day even after the member's recent answers have moved on.
            if (answer.InteractionId is not null && day.CreditInteractionId == answer.InteractionId)
            {
                return new CreditResult(CreditStatus.DuplicateInteraction, answer.LocalDate, day.CreditTimeZoneId, current);
            }

            day.Answers++;
            Store(member, answer);
            return new CreditResult(CreditStatus.AlreadyCountedToday, answer.LocalDate, answer.TimeZoneId, current);
        }

        member ??= MemberFor(answer.ServerId, answer.MemberId, answer.DisplayName);
        var days = member.Days;
        member.Streak = StreakMath.AddDay(current, answer.LocalDate, () => days.Keys);
        days.Add(answer.LocalDate, new StoredDay(answer.InteractionId, answer.TimeZoneId, answer.QuestionId, answer.AnsweredAt) { Answers = 1 });
        Store(member, answer);
        return new CreditResult(CreditStatus.Credited, answer.LocalDate, answer.TimeZoneId, member.Streak);
    }

    private void Store(StoredMember member, AnswerRecord answer)
    {
        member.DisplayName = answer.DisplayName;
        member.ProfileTimeZoneId = answer.ProfileTimeZoneId ?? member.ProfileTimeZoneId;
        if (answer.InteractionId is { } interactionId)
        {
            member.Recent.Add(new RecentAnswer(interactionId, answer.LocalDate, answer.TimeZoneId));
            if (member.Recent.Count > IMemberStore.RecentInteractionsRecognised)
            {
                member.Recent.RemoveAt(0);
            }
        }

        answers.Add(answer);
    }

    private StoredMember MemberFor(string serverId, string memberId, string displayName)
    {
        if (!members.TryGetValue((serverId, memberId), out var member))
        {
            member = new StoredMember { DisplayName = displayName };
            members[(serverId, memberId)] = member;
        }

        return member;
    }

    private sealed class StoredMember
    {
        public required string DisplayName { get; set; }

        public string? TimeZoneId { get; set; }

        /// <summary>The profile zone of the member's latest answer that carried one, as the LiteDB store keeps it.</summary>
        public string? ProfileTimeZoneId { get; set; }

        public StreakSummary Streak { get; set; } = StreakSummary.Empty;

        /// <summary>The latest answers that carried an interaction id, oldest first.</summary>
        public List<RecentAnswer> Recent { get; } = [];

        public SortedDictionary<DateOnly, StoredDay> Days { get; } = [];

        public MemberRecord ToRecord(string serverId, string memberId) => new(serverId, memberId, DisplayName, TimeZoneId, Streak, ProfileTimeZoneId);
    }

    private sealed record RecentAnswer(string InteractionId, DateOnly LocalDate, string TimeZoneId);

    /// <summary>An active day: the answer that made it active, and how many answers it has (credit plus practice).</summary>
    private sealed record StoredDay(string? CreditInteractionId, string CreditTimeZoneId, int? QuestionId = null, DateTimeOffset? AnsweredAt = null)
    {
        public int Answers { get; set; }
    }
}
