using System.Text.Json.Nodes;
using StudyBot.Core.Learning;
using StudyBot.Core.Privacy;

namespace StudyBot.Persistence;

/// <summary>Self-ratings, append-only, one document each under the member's "r:server:member:" prefix in time order.</summary>
internal sealed class LiteDbRatingStore(LiteDbGate gate) : IRatingStore, IMemberDataPart
{
    public string Name => "ratings";

    public Task AddAsync(RatingRecord rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var document = new RatingDocument
        {
            Question = rating.QuestionId,
            Rating = SelfRatings.Key(rating.Rating),
            LocalDate = Keys.Date(rating.LocalDate),
            TimeZoneId = rating.TimeZoneId,
            RatedAt = Keys.Instant(rating.RatedAt),
        };
        return gate.RunAsync(
            db =>
            {
                // Ratings in the same tick are numbered, so they keep the order they were given in (all run under the gate's lock).
                var instant = Keys.RatingsAt(rating.ServerId, rating.MemberId, rating.RatedAt);
                document.Id = Keys.Rating(instant, Collection(db).Count(Schema.IdStartsWith(instant)));
                Collection(db).Insert(document);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<RatingRecord>> GetAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<RatingRecord>>(
            db =>
            [
                .. Collection(db).Find(Schema.IdStartsWith(Keys.RatingsOf(serverId, memberId)))
                    .OrderBy(d => d.Id, StringComparer.Ordinal)
                    .Select(d => ToRecord(serverId, memberId, d)),
            ],
            cancellationToken);

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Collection(db).DeleteMany(Schema.IdStartsWith(Keys.RatingsOf(serverId, memberId))), cancellationToken);

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

    private static LiteDB.ILiteCollection<RatingDocument> Collection(LiteDB.LiteDatabase db) => db.GetCollection<RatingDocument>(Schema.Ratings);

    private static RatingRecord ToRecord(string serverId, string memberId, RatingDocument d) =>
        new(
            serverId,
            memberId,
            d.Question,
            SelfRatings.TryParse(d.Rating, out var rating) ? rating : throw new InvalidDataException($"Rating document {d.Id} has an unknown rating '{d.Rating}'."),
            Keys.ParseDate(d.LocalDate),
            d.TimeZoneId,
            Keys.ParseInstant(d.RatedAt));
}
