using StudyBot.Core.Servers;

namespace StudyBot.Core.Tests.Fakes;

internal sealed class InMemoryServerStore : IServerStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<ulong, ServerSettings> servers = [];

    public Task<ServerSettings?> GetAsync(ulong serverId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(servers.GetValueOrDefault(serverId));
        }
    }

    public Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ServerSettings>>([.. servers.Values.OrderBy(s => s.ServerId)]);
        }
    }

    public Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (gate)
        {
            servers[settings.ServerId] = settings;
            return Task.CompletedTask;
        }
    }
}
