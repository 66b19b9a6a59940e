using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Streaks;

public class StreakMathTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Recompute_GapInTheMiddle_BestIsTheLongerRunAndCurrentIsTheLastRun()
    {
        var days = new[] { D(1), D(2), D(3), D(4), D(6), D(7) };

        var summary = StreakMath.Recompute(days);

        Assert.Equal(new StreakSummary(D(7), 2, 4, 6), summary);
    }

    [Fact]
    public void Recompute_UnorderedDuplicates_CountsDistinctDays()
    {
        var summary = StreakMath.Recompute([D(3), D(1), D(2), D(2)]);

        Assert.Equal(new StreakSummary(D(3), 3, 3, 3), summary);
    }

    [Fact]
    public void CurrentStreak_AnsweredYesterdayNotYetToday_StillCountsFromYesterday()
    {
        var days = new[] { Today.AddDays(-3), Today.AddDays(-2), Today.AddDays(-1) };

        Assert.Equal(3, StreakMath.CurrentStreak(days, Today));
        Assert.Equal(3, StreakMath.CurrentStreak(StreakMath.Recompute(days), Today));
    }

    [Fact]
    public void CurrentStreak_LastAnswerTwoDaysAgo_IsBroken()
    {
        var days = new[] { Today.AddDays(-3), Today.AddDays(-2) };

        Assert.Equal(0, StreakMath.CurrentStreak(days, Today));
        Assert.Equal(0, StreakMath.CurrentStreak(StreakMath.Recompute(days), Today));
    }

    [Fact]
    public void CurrentStreak_DoneToday_CountsToday()
    {
        var days = new[] { Today.AddDays(-1), Today };

        Assert.Equal(2, StreakMath.CurrentStreak(days, Today));
        Assert.Equal(2, StreakMath.CurrentStreak(StreakMath.Recompute(days), Today));
    }

    [Fact]
    public void AddDay_NextDay_ExtendsRunWithoutAskingForAllDays()
    {
        var summary = new StreakSummary(D(5), 3, 3, 3);

        var next = StreakMath.AddDay(summary, D(6), () => throw new InvalidOperationException("not needed"));

        Assert.Equal(new StreakSummary(D(6), 4, 4, 4), next);
    }

    [Fact]
    public void AddDay_AfterGap_StartsNewRunAndKeepsBest()
    {
        var next = StreakMath.AddDay(new StreakSummary(D(5), 3, 3, 3), D(8), () => throw new InvalidOperationException("not needed"));

        Assert.Equal(new StreakSummary(D(8), 1, 3, 4), next);
    }

    [Fact]
    public void AddDay_DayBeforeTheLast_RecomputesFromAllDaysAndMatchesRecompute()
    {
        // A member moved to a zone behind: their new "today" fills the gap before their last active day.
        DateOnly[] days = [D(1), D(2), D(4), D(5)];
        var summary = StreakMath.Recompute(days);

        var next = StreakMath.AddDay(summary, D(3), () => days);

        Assert.Equal(new StreakSummary(D(5), 5, 5, 5), next);
        Assert.Equal(StreakMath.Recompute([.. days, D(3)]), next);
    }

    [Fact]
    public void AddDay_IncrementalSequence_EqualsRecompute()
    {
        DateOnly[] days = [D(1), D(2), D(3), D(7), D(8), D(20), D(21), D(22), D(23)];
        var summary = StreakSummary.Empty;
        var seen = new List<DateOnly>();
        foreach (var day in days)
        {
            summary = StreakMath.AddDay(summary, day, () => seen);
            seen.Add(day);
        }

        Assert.Equal(StreakMath.Recompute(days), summary);
        Assert.Equal(4, summary.BestStreak);
    }

    private static DateOnly D(int day) => new(2026, 11, day);
}
