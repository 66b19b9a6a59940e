namespace StudyBot.Core.Streaks;

/// <summary>
/// A cache derived from a member's active days: the run that ends on the latest active day, the best run and
/// the number of active days. <see cref="StreakMath.Recompute"/> rebuilds it from the days at any time.
/// </summary>
public sealed record StreakSummary(DateOnly? LastActiveDate, int RunEndingOnLastDate, int BestStreak, int TotalDays)
{
    public static StreakSummary Empty { get; } = new(null, 0, 0, 0);
}
