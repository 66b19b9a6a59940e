using StudyBot.Core.Learning;

namespace StudyBot.Core.Tests.Learning;

/// <summary>SM-2 over the three ratings: the interval after each sequence, the ease, and the same-day correction.</summary>
public class ReviewScheduleTests
{
    private static readonly DateOnly Start = new(2026, 11, 2);

    [Theory]
    [InlineData("got", 1)]
    [InlineData("got got", 6)]
    [InlineData("got got got", 16)]
    [InlineData("got got got got", 45)]
    [InlineData("missed", 1)]
    [InlineData("missed missed missed", 1)]
    [InlineData("partly", 1)]
    [InlineData("partly partly", 6)]
    [InlineData("partly partly partly", 13)]
    [InlineData("got got missed", 1)]
    [InlineData("got got missed got", 1)]
    [InlineData("got got missed got got", 6)]
    [InlineData("missed got got got", 13)]
    [InlineData("got got partly", 16)]
    public void Derive_Sequence_GivesTheSm2Interval(string sequence, int expectedDays)
    {
        var schedule = Single(Ratings(sequence));

        Assert.Equal(expectedDays, schedule.IntervalDays);
        Assert.Equal(schedule.LastRated.AddDays(expectedDays), schedule.Due);
    }

    [Theory]
    [InlineData("got", 2.6)]
    [InlineData("partly", 2.36)]
    [InlineData("missed", 1.96)]
    [InlineData("missed missed missed", 1.3)]
    [InlineData("missed missed missed got", 1.4)]
    public void Derive_Sequence_AdjustsTheEaseAndNeverBelowTheFloor(string sequence, double expectedEase)
    {
        Assert.Equal(expectedEase, Single(Ratings(sequence)).Ease, precision: 6);
    }

    [Fact]
    public void Derive_GotItKeepsComingBackLaterAndLater()
    {
        var intervals = Enumerable.Range(1, 6).Select(n => Single(Ratings(string.Join(' ', Enumerable.Repeat("got", n)))).IntervalDays).ToList();

        Assert.Equal([1, 6, 16, 45, 131, 393], intervals);
    }

    [Fact]
    public void Derive_MissedAfterAStreakOfGotIt_ComesBackTomorrowAndRestarts()
    {
        var schedule = Single(Ratings("got got got missed"));

        Assert.Equal((SelfRating.Missed, 0, 1), (schedule.LastRating, schedule.Repetitions, schedule.IntervalDays));
    }

    [Fact]
    public void Derive_SecondRatingTheSameDay_ReplacesTheFirst()
    {
        var day = new DateOnly(2026, 11, 24);
        var ratings = new[]
        {
            Rating(5, SelfRating.Got, day.AddDays(-1)),
            Rating(5, SelfRating.Missed, day),
            Rating(5, SelfRating.Got, day),
            Rating(5, SelfRating.Got, day),
        };

        var schedule = Single(ratings);

        // As if rated Got it on two days: the two extra presses on the 24th changed nothing beyond the last one.
        Assert.Equal((SelfRating.Got, 2, 6, day.AddDays(6)), (schedule.LastRating, schedule.Repetitions, schedule.IntervalDays, schedule.Due));
    }

    [Fact]
    public void Derive_QuestionsAreScheduledApart()
    {
        var ratings = new[]
        {
            Rating(1, SelfRating.Got, Start),
            Rating(2, SelfRating.Missed, Start),
            Rating(1, SelfRating.Got, Start.AddDays(1)),
        };

        var schedules = ReviewSchedule.Derive(ratings);

        Assert.Equal(Start.AddDays(7), schedules[1].Due);
        Assert.Equal(Start.AddDays(1), schedules[2].Due);
    }

    [Fact]
    public void Derive_NoRatings_NoSchedule()
    {
        Assert.Empty(ReviewSchedule.Derive([]));
    }

    private static QuestionSchedule Single(IEnumerable<RatingRecord> ratings) => Assert.Single(ReviewSchedule.Derive(ratings)).Value;

    /// <summary>"got got missed": one rating a day of question 9, from <see cref="Start"/>.</summary>
    private static List<RatingRecord> Ratings(string sequence) =>
        [.. sequence.Split(' ').Select((key, i) => Rating(9, Parse(key), Start.AddDays(i)))];

    private static SelfRating Parse(string key) => SelfRatings.TryParse(key, out var rating) ? rating : throw new ArgumentException(key);

    private static RatingRecord Rating(int question, SelfRating rating, DateOnly date) =>
        new("discord:1", "7", question, rating, date, "UTC", new DateTimeOffset(date, new TimeOnly(12, 0), TimeSpan.Zero));
}
