using System.Globalization;
using System.Text.Json.Nodes;
using LiteDB;
using StudyBot.Core.Privacy;
using StudyBot.Core.Reminders;
using StudyBot.Core.Time;

namespace StudyBot.Persistence;

/// <summary>Reminders by "r:server:member", found when due through the index on their next due instant.</summary>
internal sealed class LiteDbReminderStore(LiteDbGate gate) : IReminderStore, IMemberDataPart
{
    public string Name => "reminder";

    public Task<Reminder?> GetAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Collection(db).FindById(Keys.Reminder(serverId, memberId)) is { } d ? FromDocument(d) : null, cancellationToken);

    public Task SaveAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var document = ToDocument(reminder);
        return gate.RunAsync(db => Collection(db).Upsert(document), cancellationToken);
    }

    public Task<bool> RemoveAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Collection(db).Delete(Keys.Reminder(serverId, memberId)), cancellationToken);

    public Task<IReadOnlyList<Reminder>> GetDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        var ticks = until.UtcTicks;
        return gate.RunAsync<IReadOnlyList<Reminder>>(db => [.. DueQuery(db, ticks, limit).ToEnumerable().Select(FromDocument)], cancellationToken);
    }

    /// <summary>A range of the due index, read in its order: no scan and no sort of every member's reminder.</summary>
    internal static ILiteQueryableResult<ReminderDocument> DueQuery(LiteDatabase db, long untilTicks, int limit) =>
        Collection(db).Query()
            .Where(BoundQueries.FieldAtMost(db, Schema.ReminderDueIndex, untilTicks))
            .OrderBy(Schema.ReminderDueIndex)
            .Limit(limit);

    public Task<bool> MoveAsync(Reminder expected, Reminder replacement, CancellationToken cancellationToken)
    {
        var move = new ReminderMove(expected, replacement);
        var document = Check(move);
        return gate.RunAsync(db => Move(Collection(db), move, document), cancellationToken);
    }

    public Task<IReadOnlyList<bool>> MoveManyAsync(IReadOnlyList<ReminderMove> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var documents = moves.Select(Check).ToList();
        return gate.RunInTransactionAsync<IReadOnlyList<bool>>(
            db =>
            {
                var collection = Collection(db);
                var moved = new bool[moves.Count];
                for (var i = 0; i < moves.Count; i++)
                {
                    moved[i] = Move(collection, moves[i], documents[i]);
                }

                return moved;
            },
            cancellationToken);
    }

    private static ReminderDocument Check(ReminderMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(move.Expected);
        ArgumentNullException.ThrowIfNull(move.Replacement);
        if (move.Expected.ServerId != move.Replacement.ServerId || move.Expected.MemberId != move.Replacement.MemberId)
        {
            throw new ArgumentException("A reminder moves within its own member.", nameof(move));
        }

        return ToDocument(move.Replacement);
    }

    private static bool Move(ILiteCollection<ReminderDocument> collection, ReminderMove move, ReminderDocument document)
    {
        var stored = collection.FindById(document.Id);
        return stored is not null && FromDocument(stored) == move.Expected && collection.Update(document);
    }

    public async Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        await GetAsync(serverId, memberId, cancellationToken) is { } r
            ? new JsonObject
            {
                ["time"] = DailyTime.Format(r.Time),
                ["timeZone"] = r.TimeZoneId,
                ["nextDueAt"] = Keys.Instant(r.DueAt),
                ["lastSentDate"] = r.LastSentDate is { } sent ? Keys.Date(sent) : null,
            }
            : null;

    public async Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        await RemoveAsync(serverId, memberId, cancellationToken) ? 1 : 0;

    private static ILiteCollection<ReminderDocument> Collection(LiteDatabase db) => db.GetCollection<ReminderDocument>(Schema.Reminders);

    private static ReminderDocument ToDocument(Reminder r) => new()
    {
        Id = Keys.Reminder(r.ServerId, r.MemberId),
        Server = r.ServerId,
        Member = r.MemberId,
        Time = DailyTime.Format(r.Time),
        DueDate = Keys.Date(r.DueDate),
        DueAt = Keys.Instant(r.DueAt),
        DueTicks = r.DueAt.UtcTicks,
        TimeZoneId = r.TimeZoneId,
        LastSentDate = r.LastSentDate is { } sent ? Keys.Date(sent) : null,
    };

    private static Reminder FromDocument(ReminderDocument d) => new(
        d.Server,
        d.Member,
        TimeOnly.ParseExact(d.Time, "HH:mm", CultureInfo.InvariantCulture),
        Keys.ParseDate(d.DueDate),
        Keys.ParseInstant(d.DueAt),
        d.TimeZoneId,
        d.LastSentDate is { } sent ? Keys.ParseDate(sent) : null);
}
