using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Streaks;

public class StreakRulesTests
{
    private static readonly DateOnly Mon = new(2026, 12, 7);

    [Fact]
    public void Evaluate_NeutralDayBetweenTwoCountedDays_NeitherCountsNorBreaks()
    {
        var result = StreakRules.Evaluate(Days(Mon, Mon.AddDays(2)), NoQuestionOn(Mon.AddDays(1)), [], 0, Mon.AddDays(2));

        Assert.Equal(2, result.Current);
        Assert.Equal([DayKind.Counted, DayKind.Neutral, DayKind.Counted], result.Days.Select(d => d.Kind));
        Assert.Equal("paused", result.Days[1].Question.NeutralReason);
    }

    [Fact]
    public void Evaluate_PostedDayMissedWithoutFreeze_Breaks()
    {
        var result = StreakRules.Evaluate(Days(Mon, Mon.AddDays(2)), Always, [], 0, Mon.AddDays(2));

        Assert.Equal(1, result.Current);
        Assert.Equal(1, result.Best);
        Assert.Equal(DayKind.Missed, result.Days[1].Kind);
    }

    [Fact]
    public void Evaluate_FreezeEarnedAndUsedInOneWeek_StreakKeptAndBothEventsNew()
    {
        // Seven days counted (Mon to Sun), Monday after missed, Tuesday counted: the freeze earned on Sunday covers Monday.
        var counted = Enumerable.Range(0, 7).Select(i => Mon.AddDays(i)).Append(Mon.AddDays(8)).ToArray();

        var result = StreakRules.Evaluate(Days(counted), Always, [], 2, Mon.AddDays(8));

        Assert.Equal(8, result.Current);
        Assert.Equal(DayKind.Frozen, result.Days[7].Kind);
        Assert.Equal(0, result.FreezesHeld);
        Assert.Equal([(FreezeEventKind.Earned, Mon.AddDays(6)), (FreezeEventKind.Used, Mon.AddDays(7))], result.NewFreezeEvents.Select(e => (e.Kind, e.Date)));
    }

    [Fact]
    public void Evaluate_FreezesOff_MissedDayBreaksAndNothingEarned()
    {
        var counted = Enumerable.Range(0, 7).Select(i => Mon.AddDays(i)).Append(Mon.AddDays(8)).ToArray();

        var result = StreakRules.Evaluate(Days(counted), Always, [], 0, Mon.AddDays(8));

        Assert.Equal(1, result.Current);
        Assert.Empty(result.NewFreezeEvents);
    }

    [Fact]
    public void Evaluate_TwentyEightDays_HoldsAtMostTheLimit()
    {
        var counted = Enumerable.Range(0, 28).Select(i => Mon.AddDays(i)).ToArray();

        var result = StreakRules.Evaluate(Days(counted), Always, [], 2, Mon.AddDays(28));

        Assert.Equal(2, result.FreezesHeld);
        Assert.Equal(2, result.NewFreezeEvents.Count);
        Assert.Equal(DayKind.Pending, result.Days[^1].Kind);
        Assert.Equal(28, result.Current);
    }

    [Fact]
    public void Evaluate_TodayUnanswered_PendingNeverABreak()
    {
        var result = StreakRules.Evaluate(Days(Mon, Mon.AddDays(1)), Always, [], 2, Mon.AddDays(2));

        Assert.Equal((2, false, DayKind.Pending), (result.Current, result.TodayDone, result.Days[^1].Kind));
    }

    [Fact]
    public void Evaluate_StoredDecisionsStand_LimitLoweredLaterDoesNotUndoAUsedFreeze()
    {
        var counted = Enumerable.Range(0, 7).Select(i => Mon.AddDays(i)).Append(Mon.AddDays(8)).ToArray();
        FreezeEvent[] stored = [new(FreezeEventKind.Earned, Mon.AddDays(6), default), new(FreezeEventKind.Used, Mon.AddDays(7), default)];

        var result = StreakRules.Evaluate(Days(counted), Always, stored, 0, Mon.AddDays(8));

        Assert.Equal(8, result.Current);
        Assert.Empty(result.NewFreezeEvents);
    }

    [Fact]
    public void Evaluate_DecidedMissWithoutStoredUse_StaysMissedEvenIfAFreezeWouldNowCover()
    {
        // A Used event dated after the miss says the walk already passed that day: the miss stands.
        var counted = Enumerable.Range(0, 7).Select(i => Mon.AddDays(i)).Append(Mon.AddDays(8)).ToArray();
        FreezeEvent[] stored = [new(FreezeEventKind.Used, Mon.AddDays(9), default)];

        var result = StreakRules.Evaluate(Days(counted), Always, stored, 2, Mon.AddDays(10));

        Assert.Equal(DayKind.Missed, result.Days[7].Kind);
    }

    [Fact]
    public void Evaluate_BrokenStreak_NoFreezeSpentOnLaterMissedDays()
    {
        // One freeze earned, then three posted days missed: the freeze covers the first, the second breaks the
        // streak, and the third has no streak left to keep.
        var counted = Enumerable.Range(0, 7).Select(i => Mon.AddDays(i)).ToArray();

        var result = StreakRules.Evaluate(Days(counted), Always, [], 2, Mon.AddDays(10));

        Assert.Equal([DayKind.Frozen, DayKind.Missed, DayKind.Missed], result.Days.Skip(7).Take(3).Select(d => d.Kind));
        Assert.Equal(0, result.Current);
        Assert.Equal(7, result.Best);
    }

    private static readonly Func<DateOnly, DayQuestion> Always = _ => new DayQuestion(1, default, null);

    private static Func<DateOnly, DayQuestion> NoQuestionOn(DateOnly date) =>
        d => d == date ? new DayQuestion(null, null, "paused") : new DayQuestion(1, default, null);

    private static ActiveDay[] Days(params DateOnly[] dates) => [.. dates.Select(d => new ActiveDay(d, "UTC", 1, 1, null))];
}
