namespace StudyBot.Core.Daily;

public interface IDailyPostStore
{
    /// <summary>Stores <paramref name="proposed"/> unless the (server, date) slot exists; returns the slot that holds.</summary>
    Task<DailySlot> ClaimAsync(DailySlot proposed, CancellationToken cancellationToken);

    Task<DailySlot?> GetAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken);

    /// <summary>Replaces the slot for its (server, date) key, e.g. to record the message id after sending.</summary>
    Task UpdateAsync(DailySlot slot, CancellationToken cancellationToken);

    /// <summary>Removes the slot only while it is skipped (an admin undoing a skip).</summary>
    Task<bool> RemoveSkipAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken);

    /// <summary>Every slot of the server, oldest first.</summary>
    Task<IReadOnlyList<DailySlot>> GetHistoryAsync(string serverId, CancellationToken cancellationToken);
}
