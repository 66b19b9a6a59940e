using StudyBot.Core.Servers;

namespace StudyBot.Persistence;

internal sealed class LiteDbServerStore(LiteDbGate gate) : IServerStore
{
    public Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.ServersOf(db).FindById(serverId)?.ToRecord(), cancellationToken);

    public Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<ServerSettings>>(db => Schema.ServersOf(db).FindAll().Select(s => s.ToRecord()).ToList(), cancellationToken);

    public Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var document = ServerDocument.From(settings);
        return gate.RunAsync(db => Schema.ServersOf(db).Upsert(document), cancellationToken);
    }
}
