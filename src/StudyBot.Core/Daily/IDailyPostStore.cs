namespace StudyBot.Core.Daily;

/// <summary>
/// Storage port for the daily slots, one per (server, local date), kept exactly as stored (every field, the offsets
/// of the instants included). The LiteDB store and every test double pass one contract suite
/// (tests/StudyBot.Core.Contracts). A call whose token is already cancelled fails with
/// <see cref="OperationCanceledException"/> and changes nothing.
/// </summary>
public interface IDailyPostStore
{
    /// <summary>
    /// Stores <paramref name="proposed"/> unless the (server, date) slot exists; returns the slot that holds. Atomic:
    /// of concurrent claims of one slot, exactly one is stored and all of them get it back.
    /// </summary>
    Task<DailySlot> ClaimAsync(DailySlot proposed, CancellationToken cancellationToken);

    Task<DailySlot?> GetAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken);

    /// <summary>Replaces the slot for its (server, date) key, e.g. to record the message id after sending.</summary>
    Task UpdateAsync(DailySlot slot, CancellationToken cancellationToken);

    /// <summary>Removes the slot only while it is skipped (an admin undoing a skip); says whether it removed one.</summary>
    Task<bool> RemoveSkipAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken);

    /// <summary>Every slot of the server, oldest first.</summary>
    Task<IReadOnlyList<DailySlot>> GetHistoryAsync(string serverId, CancellationToken cancellationToken);
}
