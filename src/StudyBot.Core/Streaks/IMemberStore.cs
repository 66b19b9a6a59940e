namespace StudyBot.Core.Streaks;

/// <summary>Storage port for members, their append-only active days and their answers.</summary>
public interface IMemberStore
{
    Task<MemberRecord?> GetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Sets (or, with null, clears) the member's own time zone, creating the member if new.</summary>
    Task SetTimeZoneAsync(string serverId, string memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the answer atomically: a repeated interaction id changes nothing; the first answer of a local day
    /// adds the active day and updates the streak cache; later answers that day are kept as practice.
    /// </summary>
    Task<CreditResult> RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken);

    Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>How many answers the member gave on a local day (credit plus practice).</summary>
    Task<int> CountAnswersAsync(string serverId, string memberId, DateOnly localDate, CancellationToken cancellationToken);
}
