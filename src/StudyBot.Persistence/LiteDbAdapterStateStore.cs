using StudyBot.Core.State;

namespace StudyBot.Persistence;

internal sealed class LiteDbAdapterStateStore(LiteDbGate gate) : IAdapterStateStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.AdapterStateOf(db).FindById(key)?.Value, cancellationToken);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.AdapterStateOf(db).Upsert(new AdapterStateDocument { Id = key, Value = value }), cancellationToken);
}
