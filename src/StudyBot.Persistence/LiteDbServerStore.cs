using StudyBot.Core.Servers;

namespace StudyBot.Persistence;

internal sealed class LiteDbServerStore(LiteDbGate gate) : IServerStore
{
    // Read four or five times by every /answer (the command, the daily post, streak rules, milestone roles): kept in
    // the gate's cache, an unknown server too, and dropped by every save.
    public Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db => gate.Cache.GetOrAdd(GateCache.ServerKey(serverId), () => new Stored(Schema.ServersOf(db).FindById(serverId)?.ToRecord()), _ => 1).Settings,
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

    private sealed record Stored(ServerSettings? Settings);
}
