using StudyBot.Core.Learning;

namespace StudyBot.Persistence.Tests;

/// <summary>A rating's stored line: every field round-trips, and a damaged line is refused, never misread.</summary>
public sealed class RatingLineTests
{
    private const string Server = "discord:1100000000000000017";

    [Theory]
    [InlineData(2026, 12, 31, "Pacific/Auckland", 13)]
    [InlineData(2028, 2, 29, "America/New_York", -5)]
    [InlineData(1, 1, 1, "UTC", 0)]
    public void FormatThenParse_RoundTripsEveryField(int year, int month, int day, string zone, int offsetHours)
    {
        var rating = new RatingRecord(Server, "7", 1003, SelfRating.Partly, new DateOnly(year, month, day), zone, new DateTimeOffset(2026, 12, 8, 23, 30, 0, TimeSpan.FromHours(offsetHours)));

        var parsed = RatingLine.Parse(Server, "7", RatingLine.Format(rating), new RatingLine.ZoneNames());

        Assert.Equal(rating, parsed);
        Assert.Equal(rating.RatedAt.Offset, parsed.RatedAt.Offset);
    }

    [Fact]
    public void Parse_ManyLinesOfOneZone_ShareOneZoneString()
    {
        var zones = new RatingLine.ZoneNames();

        var first = RatingLine.Parse(Server, "7", "12|got|2026-12-08|Europe/Berlin|639000000000000000|60", zones);
        var second = RatingLine.Parse(Server, "7", "13|missed|2026-12-09|Europe/Berlin|639000000000000000|60", zones);
        var other = RatingLine.Parse(Server, "7", "14|missed|2026-12-09|Asia/Tokyo|639000000000000000|540", zones);

        Assert.Same(first.TimeZoneId, second.TimeZoneId);
        Assert.Equal("Asia/Tokyo", other.TimeZoneId);
    }

    [Theory]
    [InlineData("12|got|2026-02-30|UTC|639000000000000000|0")]
    [InlineData("12|got|2026-13-01|UTC|639000000000000000|0")]
    [InlineData("12|got|2026-1-011|UTC|639000000000000000|0")]
    [InlineData("12|got|26-12-08|UTC|639000000000000000|0")]
    [InlineData("12|got|2026/12/08|UTC|639000000000000000|0")]
    [InlineData("12|got|0000-12-08|UTC|639000000000000000|0")]
    [InlineData("12|great|2026-12-08|UTC|639000000000000000|0")]
    [InlineData("12|got|2026-12-08")]
    public void Parse_DamagedLine_IsRefused(string line)
    {
        Assert.Throws<InvalidDataException>(() => RatingLine.Parse(Server, "7", line, new RatingLine.ZoneNames()));
    }
}
