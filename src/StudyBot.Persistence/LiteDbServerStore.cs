using StudyBot.Core.Servers;

namespace StudyBot.Persistence;

internal sealed class LiteDbServerStore(LiteDbGate gate) : IServerStore
{
    /// <summary>From the gate's cache when it is there: every command of a member reads its server.</summary>
    public Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db => gate.Cache.GetOrAdd(GateCache.ServerKey(serverId), () => (object?)Schema.ServersOf(db).FindById(serverId)?.ToRecord() ?? GateCache.Absent, _ => 1) as ServerSettings,
            cancellationToken);

    public Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<ServerSettings>>(db => Schema.ServersOf(db).FindAll().Select(s => s.ToRecord()).ToList(), cancellationToken);

    public Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var document = ServerDocument.From(settings);
        return gate.RunAsync(
            db =>
            {
                gate.Cache.Remove(GateCache.ServerKey(settings.ServerId));
                Schema.ServersOf(db).Upsert(document);
            },
            cancellationToken);
    }
}
