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

    /// <summary>Parses one line; <paramref name="zones"/> hands back one string per zone name across a member's lines.</summary>
    public static RatingRecord Parse(string serverId, string memberId, string line, ZoneNames zones)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(zones);
        var rest = line.AsSpan();
        var question = int.Parse(Next(ref rest, line), NumberStyles.None, CultureInfo.InvariantCulture);
        var ratingKey = Next(ref rest, line);
        var rating = SelfRatings.TryParse(ratingKey, out var parsed) ? parsed : throw Damaged(line);
        var date = ParseDate(Next(ref rest, line), line);
        var zone = zones.Get(Next(ref rest, line));
        var ticks = long.Parse(Next(ref rest, line), NumberStyles.None, CultureInfo.InvariantCulture);
        var offset = TimeSpan.FromMinutes(int.Parse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        var ratedAt = new DateTimeOffset(ticks + offset.Ticks, offset);
        return new RatingRecord(serverId, memberId, question, rating, date, zone, ratedAt);
    }

    /// <summary>A member's ratings name one zone or a few (they change it rarely): one string each, not one per rating.</summary>
    internal sealed class ZoneNames
    {
        private readonly List<string> _names = [];

        public string Get(ReadOnlySpan<char> name)
        {
            foreach (var known in _names)
            {
                if (name.SequenceEqual(known))
                {
                    return known;
                }
            }

            var added = name.ToString();
            _names.Add(added);
            return added;
        }
    }

    // "yyyy-MM-dd", as Keys.Date writes it, read by hand: no format pattern to interpret for each of a member's lines.
    private static DateOnly ParseDate(ReadOnlySpan<char> text, string line)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(text[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw Damaged(line);
        }

        return new DateOnly(year, month, day);
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
