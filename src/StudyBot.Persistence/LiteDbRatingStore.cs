using System.Text.Json.Nodes;
using LiteDB;
using StudyBot.Core.Learning;
using StudyBot.Core.Privacy;

namespace StudyBot.Persistence;

/// <summary>
/// Self-ratings, append-only, in chunks of up to <see cref="RatingChunkDocument.Capacity"/> under the member's
/// "r:server:member:" prefix: a rating joins the member's last chunk, or starts the next. All of it runs under the gate's
/// lock, so ratings keep the order they were added in.
/// </summary>
internal sealed class LiteDbRatingStore(LiteDbGate gate) : IRatingStore, IMemberDataPart
{
    public string Name => "ratings";

    public Task AddAsync(RatingRecord rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var entry = RatingLine.Format(rating);
        return gate.RunAsync(
            db =>
            {
                var chunks = Collection(db);
                // Chunks are numbered from 0 with no gaps (they are only ever deleted all together), so counting them,
                // which reads only the index, finds the last.
                var count = chunks.Count(BoundQueries.IdStartsWith(db, Keys.RatingsOf(rating.ServerId, rating.MemberId)));
                var last = count == 0 ? null : chunks.FindById(Keys.RatingChunk(rating.ServerId, rating.MemberId, count - 1));
                if (last is not null && last.Ratings.Count < RatingChunkDocument.Capacity)
                {
                    last.Ratings.Add(entry);
                    chunks.Update(last);
                    return;
                }

                chunks.Insert(new RatingChunkDocument { Id = Keys.RatingChunk(rating.ServerId, rating.MemberId, count), Ratings = [entry] });
            },
            cancellationToken);
    }

    /// <remarks>
    /// /review and /progress read all of a member's ratings each time, so this reads the chunks as they are stored
    /// (no mapping to <see cref="RatingChunkDocument"/>) and parses each line once: 2,000 ratings allocated ~860 KiB
    /// through the mapper, ~560 KiB this way.
    /// </remarks>
    public Task<IReadOnlyList<RatingRecord>> GetAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<RatingRecord>>(
            db =>
            {
                var chunks = db.GetCollection(Schema.Ratings).Find(BoundQueries.IdStartsWith(db, Keys.RatingsOf(serverId, memberId))).ToList();
                chunks.Sort((a, b) => string.CompareOrdinal(a["_id"].AsString, b["_id"].AsString));
                var records = new List<RatingRecord>(chunks.Count * RatingChunkDocument.Capacity);
                var zones = new RatingLine.ZoneNames();
                foreach (var chunk in chunks)
                {
                    foreach (var line in chunk[nameof(RatingChunkDocument.Ratings)].AsArray)
                    {
                        records.Add(RatingLine.Parse(serverId, memberId, line.AsString, zones));
                    }
                }

                return records;
            },
            cancellationToken);

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                var query = BoundQueries.IdStartsWith(db, Keys.RatingsOf(serverId, memberId));
                var count = Collection(db).Find(query).Sum(c => c.Ratings.Count);
                Collection(db).DeleteMany(query);
                return count;
            },
            cancellationToken);

    public async Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var ratings = await GetAsync(serverId, memberId, cancellationToken);
        return ratings.Count == 0
            ? null
            : new JsonArray([.. ratings.Select(r => new JsonObject
            {
                ["question"] = r.QuestionId,
                ["rating"] = SelfRatings.Key(r.Rating),
                ["localDate"] = Keys.Date(r.LocalDate),
                ["timeZone"] = r.TimeZoneId,
                ["ratedAt"] = Keys.Instant(r.RatedAt),
            })]);
    }

    private static ILiteCollection<RatingChunkDocument> Collection(LiteDatabase db) => db.GetCollection<RatingChunkDocument>(Schema.Ratings);
}
