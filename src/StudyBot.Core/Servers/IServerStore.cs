namespace StudyBot.Core.Servers;

/// <summary>
/// Storage port for each server's setup, one per server id, kept exactly as saved (every field, the offset of
/// <see cref="ServerSettings.ConfiguredAt"/> included). The LiteDB store and every test double pass one contract suite
/// (tests/StudyBot.Core.Contracts). A call whose token is already cancelled fails with
/// <see cref="OperationCanceledException"/> and changes nothing.
/// </summary>
public interface IServerStore
{
    Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Every server's setup, each once, in no particular order.</summary>
    Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken);

    /// <summary>Stores the setup, replacing the one saved for the same server id.</summary>
    Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken);
}
