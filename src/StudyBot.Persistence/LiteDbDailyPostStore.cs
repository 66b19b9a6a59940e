using LiteDB;
using StudyBot.Core.Daily;

namespace StudyBot.Persistence;

internal sealed class LiteDbDailyPostStore(LiteDbGate gate) : IDailyPostStore
{
    public Task<DailySlot> ClaimAsync(DailySlot proposed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var document = DailySlotDocument.From(proposed);
        return gate.RunAsync(
            db =>
            {
                var slots = Schema.DailySlotsOf(db);
                if (slots.FindById(document.Id) is { } existing)
                {
                    return existing.ToRecord();
                }

                slots.Insert(document);
                return proposed;
            },
            cancellationToken);
    }

    public Task<DailySlot?> GetAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Schema.DailySlotsOf(db).FindById(Keys.Slot(serverId, localDate))?.ToRecord(), cancellationToken);

    public Task UpdateAsync(DailySlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var document = DailySlotDocument.From(slot);
        return gate.RunAsync(db => Schema.DailySlotsOf(db).Upsert(document), cancellationToken);
    }

    public Task<bool> RemoveSkipAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                var slots = Schema.DailySlotsOf(db);
                var key = Keys.Slot(serverId, localDate);
                return slots.FindById(key) is { Status: DailySlotStatus.Skipped } && slots.Delete(key);
            },
            cancellationToken);

    public Task<IReadOnlyList<DailySlot>> GetHistoryAsync(string serverId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<DailySlot>>(
            db => Schema.DailySlotsOf(db)
                .Find(BoundQueries.FieldEquals(db, nameof(DailySlotDocument.Server), serverId))
                .OrderBy(s => s.Date, StringComparer.Ordinal)
                .Select(s => s.ToRecord())
                .ToList(),
            cancellationToken);
}
