using System.Globalization;
using StudyBot.Core.Learning;

namespace StudyBot.Persistence;

/// <summary>
/// One self-rating as a line in a <see cref="RatingChunkDocument"/>:
/// "question|rating|local date|time zone|UTC ticks|offset minutes", e.g. "12|partly|2026-12-09|Europe/Berlin|639…|60".
/// No field holds a '|' (an IANA zone name never does).
/// </summary>
internal static class RatingLine
{
    private const char Separator = '|';

    public static string Format(RatingRecord rating) => string.Create(
        CultureInfo.InvariantCulture,
        $"{rating.QuestionId}|{SelfRatings.Key(rating.Rating)}|{Keys.Date(rating.LocalDate)}|{rating.TimeZoneId}|{rating.RatedAt.UtcTicks}|{(int)rating.RatedAt.Offset.TotalMinutes}");

    public static RatingRecord Parse(string serverId, string memberId, string line)
    {
        var rest = line.AsSpan();
        var question = int.Parse(Next(ref rest, line), NumberStyles.None, CultureInfo.InvariantCulture);
        var ratingKey = Next(ref rest, line);
        var rating = SelfRatings.TryParse(ratingKey, out var parsed) ? parsed : throw Damaged(line);
        var date = DateOnly.ParseExact(Next(ref rest, line), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var zone = Next(ref rest, line).ToString();
        var ticks = long.Parse(Next(ref rest, line), NumberStyles.None, CultureInfo.InvariantCulture);
        var offset = TimeSpan.FromMinutes(int.Parse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        var ratedAt = new DateTimeOffset(ticks + offset.Ticks, offset);
        return new RatingRecord(serverId, memberId, question, rating, date, zone, ratedAt);
    }

    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest, string line)
    {
        var end = rest.IndexOf(Separator);
        if (end < 0)
        {
            throw Damaged(line);
        }

        var field = rest[..end];
        rest = rest[(end + 1)..];
        return field;
    }

    private static InvalidDataException Damaged(string line) => new($"A stored rating is damaged: '{line}'.");
}
