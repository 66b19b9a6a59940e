using StudyBot.Core.Servers;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>A dictionary-backed <see cref="IServerStore"/>; <see cref="InMemoryServerStoreContractTests"/> holds it to the port.</summary>
internal sealed class InMemoryServerStore : IServerStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ServerSettings> servers = [];

    public Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ServerSettings?>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult(servers.GetValueOrDefault(serverId));
        }
    }

    public Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ServerSettings>>(cancellationToken);
        }

        // In no particular order, as the port says: sorting here would let a test rely on an order production lacks.
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<ServerSettings>>([.. servers.Values]);
        }
    }

    public Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        lock (gate)
        {
            servers[settings.ServerId] = settings;
            return Task.CompletedTask;
        }
    }
}
