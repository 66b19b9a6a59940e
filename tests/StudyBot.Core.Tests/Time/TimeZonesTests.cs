using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Time;

public class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("America/New_York", "America/New_York")]
    [InlineData("Pacific/Auckland", "Pacific/Auckland")]
    [InlineData("UTC", "UTC")]
    [InlineData("utc", "UTC")]
    [InlineData("Etc/UTC", "UTC")]
    [InlineData("  Europe/Berlin ", "Europe/Berlin")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    public void TryFind_IanaName_AcceptedWithCanonicalName(string id, string expectedName)
    {
        Assert.True(TimeZones.TryFind(id, out var zone));
        Assert.Equal(expectedName, TimeZones.NameOf(zone));
    }

    [Theory]
    [InlineData("Mars/Base")]
    [InlineData("+02:00")]
    [InlineData("UTC+02:00")]
    [InlineData("Etc/GMT-2")]
    [InlineData("Etc/GMT+5")]
    [InlineData("EST")]
    [InlineData("CET")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryFind_FixedOffsetAbbreviationOrUnknown_Refused(string? id)
    {
        Assert.False(TimeZones.TryFind(id, out var zone));
        Assert.Null(zone);
    }

    [Fact]
    public void TryFind_EstOnThisRuntime_WouldResolveWithoutOurRule()
    {
        // "EST" is a real tz database entry (fixed UTC-5, no DST); the refusal above is our rule, not a missing zone.
        var found = TimeZoneInfo.FindSystemTimeZoneById("EST");

        Assert.Equal(TimeSpan.FromHours(-5), found.BaseUtcOffset);
        Assert.False(found.SupportsDaylightSavingTime);
        Assert.False(TimeZones.TryFind("EST", out _));
    }

    [Fact]
    public void FindOrUtc_UnknownName_FallsBackToUtc()
    {
        Assert.Equal(TimeZoneInfo.Utc, TimeZones.FindOrUtc("Mars/Base"));
        Assert.Equal(TimeZoneInfo.Utc, TimeZones.FindOrUtc(null));
        Assert.Equal("Asia/Kolkata", TimeZones.FindOrUtc("Asia/Kolkata").Id);
    }

    [Fact]
    public void ToInstant_SpringForwardGap_HappensWhenTheGapEnds()
    {
        var newYork = Zone("America/New_York");

        // 02:30 does not exist on 2026-03-08 in New York: clocks jump from 02:00 EST to 03:00 EDT.
        var instant = TimeZones.ToInstant(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), newYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), instant.ToUniversalTime());
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, newYork).DateTime));
    }

    [Fact]
    public void ToInstant_FallBackRepeatedHour_TakesFirstOccurrence()
    {
        var newYork = Zone("America/New_York");

        // 01:30 happens twice on 2026-11-01: first at EDT (UTC-4), an hour later at EST (UTC-5).
        var instant = TimeZones.ToInstant(new DateOnly(2026, 11, 1), new TimeOnly(1, 30), newYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), instant.ToUniversalTime());
    }

    [Fact]
    public void ToInstant_OrdinaryDay_UsesTheDaysOffset()
    {
        var berlin = Zone("Europe/Berlin");

        Assert.Equal(
            new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero),
            TimeZones.ToInstant(new DateOnly(2026, 1, 15), new TimeOnly(9, 0), berlin).ToUniversalTime());
        Assert.Equal(
            new DateTimeOffset(2026, 7, 15, 7, 0, 0, TimeSpan.Zero),
            TimeZones.ToInstant(new DateOnly(2026, 7, 15), new TimeOnly(9, 0), berlin).ToUniversalTime());
    }

    [Theory]
    [InlineData("2026-11-24T22:59:00Z", "2026-11-24")] // 23:59 in Berlin
    [InlineData("2026-11-24T23:01:00Z", "2026-11-25")] // 00:01 in Berlin, still the 24th in UTC
    [InlineData("2026-07-24T21:59:00Z", "2026-07-24")] // 23:59 CEST
    [InlineData("2026-07-24T22:01:00Z", "2026-07-25")] // 00:01 CEST
    public void LocalDate_AroundBerlinMidnight_FollowsTheLocalClock(string utc, string expected)
    {
        var date = TimeZones.LocalDate(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Zone("Europe/Berlin"));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void LocalDate_SameInstant_DiffersAcrossZones()
    {
        var instant = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 25), TimeZones.LocalDate(instant, Zone("Pacific/Auckland")));
        Assert.Equal(new DateOnly(2026, 11, 24), TimeZones.LocalDate(instant, Zone("America/Los_Angeles")));
    }

    [Theory]
    [InlineData("09:00", 9, 0)]
    [InlineData("9:05", 9, 5)]
    [InlineData(" 23:59 ", 23, 59)]
    public void DailyTimeTryParse_TwentyFourHourTime_Parsed(string text, int hour, int minute)
    {
        Assert.True(DailyTime.TryParse(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("25:99")]
    [InlineData("24:00")]
    [InlineData("9am")]
    [InlineData("")]
    [InlineData(null)]
    public void DailyTimeTryParse_NotATime_Refused(string? text)
    {
        Assert.False(DailyTime.TryParse(text, out _));
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
