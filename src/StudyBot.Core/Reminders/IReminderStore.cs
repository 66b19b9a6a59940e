namespace StudyBot.Core.Reminders;

/// <summary>Replace <see cref="Expected"/> with <see cref="Replacement"/>, of the same (server, member).</summary>
public sealed record ReminderMove(Reminder Expected, Reminder Replacement);

/// <summary>
/// Storage port for reminders, at most one per (server, member), kept exactly as saved. Due reminders are found through
/// an index on <see cref="Reminder.DueAt"/>, never by reading every member. The LiteDB store and every test double pass
/// one contract suite (tests/StudyBot.Core.Contracts).
/// </summary>
public interface IReminderStore
{
    Task<Reminder?> GetAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>Stores the reminder, replacing the member's one in that server.</summary>
    Task SaveAsync(Reminder reminder, CancellationToken cancellationToken);

    /// <summary>Removes the member's reminder; says whether there was one.</summary>
    Task<bool> RemoveAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> reminders due at or before <paramref name="until"/>, earliest first.</summary>
    Task<IReadOnlyList<Reminder>> GetDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="expected"/> with <paramref name="replacement"/> only if the stored reminder is still exactly
    /// <paramref name="expected"/> (the member did not change or remove it meanwhile); says whether it did.
    /// </summary>
    Task<bool> MoveAsync(Reminder expected, Reminder replacement, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="MoveAsync"/> for each move, all in one atomic step (one transaction): what a run of the due reminders
    /// does with a minute's worth of them. Says for each move, in order, whether it replaced its reminder.
    /// </summary>
    Task<IReadOnlyList<bool>> MoveManyAsync(IReadOnlyList<ReminderMove> moves, CancellationToken cancellationToken);
}
