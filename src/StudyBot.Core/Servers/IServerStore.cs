namespace StudyBot.Core.Servers;

public interface IServerStore
{
    Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken);

    Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken);
}
