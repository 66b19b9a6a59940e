namespace StudyBot.Core.Streaks;

/// <summary>Storage port for members, their append-only active days and their answers.</summary>
public interface IMemberStore
{
    Task<MemberRecord?> GetMemberAsync(ulong serverId, ulong memberId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemberRecord>> GetMembersAsync(ulong serverId, CancellationToken cancellationToken);

    /// <summary>Sets (or, with null, clears) the member's own time zone, creating the member if new.</summary>
    Task SetTimeZoneAsync(ulong serverId, ulong memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the answer atomically: a repeated interaction id changes nothing; the first answer of a local day
    /// adds the active day and updates the streak cache; later answers that day are kept as practice.
    /// </summary>
    Task<CreditResult> RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken);

    Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(ulong serverId, ulong memberId, CancellationToken cancellationToken);

    /// <summary>How many answers the member gave on a local day (credit plus practice).</summary>
    Task<int> CountAnswersAsync(ulong serverId, ulong memberId, DateOnly localDate, CancellationToken cancellationToken);
}
