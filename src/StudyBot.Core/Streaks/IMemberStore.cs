namespace StudyBot.Core.Streaks;

/// <summary>
/// Storage port for members, their append-only active days and their answers. What is written here is all that Core
/// may rely on: the LiteDB store and every test double pass one contract suite (tests/StudyBot.Core.Contracts).
/// A call whose token is already cancelled fails with <see cref="OperationCanceledException"/> and changes nothing.
/// </summary>
public interface IMemberStore
{
    /// <summary>
    /// How many of a member's latest answers that carried an interaction id are recognised when the id comes again.
    /// Discord redelivers an interaction within minutes, so a short memory covers every real redelivery.
    /// </summary>
    public const int RecentInteractionsRecognised = 16;

    /// <summary>The member, or null if they never answered nor set a time zone on that server.</summary>
    Task<MemberRecord?> GetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>The server's members, in no particular order.</summary>
    Task<IReadOnlyList<MemberRecord>> GetMembersAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets (or, with null, clears) the member's own time zone and their display name, creating the member with no
    /// streak if new; the streak is left as it is.
    /// </summary>
    Task SetTimeZoneAsync(string serverId, string memberId, string displayName, string? timeZoneId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the answer atomically: concurrent answers behave as if recorded one after another.
    /// <list type="bullet">
    /// <item>The first answer of a local day adds the active day and updates the streak cache
    /// (<see cref="CreditStatus.Credited"/>, with the new streak).</item>
    /// <item>A later answer that day is kept as practice (<see cref="CreditStatus.AlreadyCountedToday"/>, with the
    /// streak as it was).</item>
    /// <item>Either way the member's display name becomes the answer's and the member's own zone is kept.</item>
    /// </list>
    /// A repeated interaction id changes nothing and returns <see cref="CreditStatus.DuplicateInteraction"/> with the
    /// original answer's date and zone and the current streak, when the original is one of the member's latest
    /// <see cref="RecentInteractionsRecognised"/> answers that carried an id, or made its day active and comes again
    /// for that same local day. Any other repeat (an older practice answer, an older credit arriving on another local
    /// day) is not recognised and is stored as a new answer. Ids are recognised per member of a server; an answer
    /// without an id is never a repeat.
    /// </summary>
    Task<CreditResult> RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken);

    /// <summary>The member's active days, oldest first, each once.</summary>
    Task<IReadOnlyList<DateOnly>> GetActiveDaysAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>The member's active days with the answer that made each active (zone, question, time), oldest first.</summary>
    Task<IReadOnlyList<ActiveDay>> GetDaysAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>How many answers the member gave on a local day (credit plus practice; recognised repeats not counted).</summary>
    Task<int> CountAnswersAsync(string serverId, string memberId, DateOnly localDate, CancellationToken cancellationToken);
}
