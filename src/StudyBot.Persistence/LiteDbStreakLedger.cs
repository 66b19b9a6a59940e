using System.Text.Json.Nodes;
using LiteDB;
using StudyBot.Core.Privacy;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

internal sealed class LiteDbStreakLedger(LiteDbGate gate) : IStreakLedger, IMemberDataPart
{
    public string Name => "streak-settings";

    public Task<IReadOnlyList<FreezeEvent>> GetFreezesAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<FreezeEvent>>(
            db => gate.Cache.GetOrAdd<FreezeEvent[]>(GateCache.FreezesKey(serverId, memberId), () => Freezes(db, serverId, memberId), f => f.Length),
            cancellationToken);

    public Task<bool> AppendFreezeAsync(string serverId, string memberId, FreezeEvent freeze, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(freeze);
        var id = Keys.Freeze(serverId, memberId, freeze.Date, freeze.Kind.ToString());
        return gate.RunAsync(
            db =>
            {
                var collection = FreezesCollection(db);
                gate.Cache.Remove(GateCache.FreezesKey(serverId, memberId));
                if (collection.FindById(id) is not null)
                {
                    return false;
                }

                collection.Insert(new FreezeEventDocument { Id = id, Kind = freeze.Kind, Date = Keys.Date(freeze.Date), RecordedAt = Keys.Instant(freeze.RecordedAt) });
                return true;
            },
            cancellationToken);
    }

    public Task<MemberStreakSettings> GetSettingsAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db => gate.Cache.GetOrAdd(
                GateCache.MemberSettingsKey(serverId, memberId),
                () => SettingsCollection(db).FindById(Keys.MemberSettings(serverId, memberId)) is { } stored ? ToRecord(stored) : MemberStreakSettings.Default,
                s => 1 + s.ZoneChanges.Count),
            cancellationToken);

    public Task SaveSettingsAsync(string serverId, string memberId, MemberStreakSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var document = new MemberSettingsDocument
        {
            Id = Keys.MemberSettings(serverId, memberId),
            Hidden = settings.HiddenFromBoards,
            ZoneChanges = [.. settings.ZoneChanges.Select(c => new ZoneChangeDocument
            {
                RequestedAt = Keys.Instant(c.RequestedAt),
                EffectiveFrom = Keys.Instant(c.EffectiveFrom),
                TimeZoneId = c.TimeZoneId,
                PreviousTimeZoneId = c.PreviousTimeZoneId,
            })],
        };
        return gate.RunAsync(
            db =>
            {
                gate.Cache.Remove(GateCache.MemberSettingsKey(serverId, memberId));
                SettingsCollection(db).Upsert(document);
            },
            cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetHiddenAsync(string serverId, CancellationToken cancellationToken)
    {
        var prefix = Keys.MemberSettingsOf(serverId);
        return gate.RunAsync<IReadOnlySet<string>>(
            db => SettingsCollection(db).Find(BoundQueries.IdStartsWith(db, prefix))
                .Where(d => d.Hidden)
                .Select(d => d.Id[prefix.Length..])
                .ToHashSet(StringComparer.Ordinal),
            cancellationToken);
    }

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                gate.Cache.Remove(GateCache.FreezesKey(serverId, memberId));
                gate.Cache.Remove(GateCache.MemberSettingsKey(serverId, memberId));
                return FreezesCollection(db).DeleteMany(BoundQueries.IdStartsWith(db, Keys.FreezesOf(serverId, memberId)))
                    + (SettingsCollection(db).Delete(Keys.MemberSettings(serverId, memberId)) ? 1 : 0);
            },
            cancellationToken);

    public async Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var freezes = await GetFreezesAsync(serverId, memberId, cancellationToken);
        var settings = await GetSettingsAsync(serverId, memberId, cancellationToken);
        if (freezes.Count == 0 && !settings.HiddenFromBoards && settings.ZoneChanges.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["hiddenFromBoards"] = settings.HiddenFromBoards,
            ["zoneChanges"] = new JsonArray([.. settings.ZoneChanges.Select(c => new JsonObject
            {
                ["requestedAt"] = Keys.Instant(c.RequestedAt),
                ["effectiveFrom"] = Keys.Instant(c.EffectiveFrom),
                ["timeZone"] = c.TimeZoneId,
                ["previousTimeZone"] = c.PreviousTimeZoneId,
            })]),
            ["freezes"] = new JsonArray([.. freezes.Select(f => new JsonObject
            {
                ["kind"] = f.Kind.ToString().ToLowerInvariant(),
                ["date"] = Keys.Date(f.Date),
                ["recordedAt"] = Keys.Instant(f.RecordedAt),
            })]),
        };
    }

    private static FreezeEvent[] Freezes(LiteDatabase db, string serverId, string memberId) =>
        [.. FreezesCollection(db).Find(BoundQueries.IdStartsWith(db, Keys.FreezesOf(serverId, memberId)))
            .Select(d => new FreezeEvent(d.Kind, Keys.ParseDate(d.Date), Keys.ParseInstant(d.RecordedAt)))
            .OrderBy(e => e.Date)
            .ThenBy(e => e.Kind)];

    private static MemberStreakSettings ToRecord(MemberSettingsDocument stored) => new(
        stored.Hidden,
        [.. stored.ZoneChanges.Select(c => new ZoneChange(Keys.ParseInstant(c.RequestedAt), Keys.ParseInstant(c.EffectiveFrom), c.TimeZoneId, c.PreviousTimeZoneId))]);

    private static ILiteCollection<FreezeEventDocument> FreezesCollection(LiteDatabase db) => db.GetCollection<FreezeEventDocument>(Schema.StreakLedger);

    private static ILiteCollection<MemberSettingsDocument> SettingsCollection(LiteDatabase db) => db.GetCollection<MemberSettingsDocument>(Schema.StreakLedger);
}
