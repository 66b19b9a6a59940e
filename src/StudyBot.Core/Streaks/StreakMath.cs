namespace StudyBot.Core.Streaks;

/// <summary>The streak rules: derived from distinct active local dates; today is pending, never a break.</summary>
public static class StreakMath
{
    public static StreakSummary Recompute(IEnumerable<DateOnly> activeDays)
    {
        ArgumentNullException.ThrowIfNull(activeDays);
        DateOnly? previous = null;
        int run = 0, best = 0, total = 0;
        foreach (var day in activeDays.Distinct().Order())
        {
            run = previous is { } p && p.AddDays(1) == day ? run + 1 : 1;
            best = Math.Max(best, run);
            previous = day;
            total++;
        }

        return new StreakSummary(previous, run, best, total);
    }

    /// <summary>
    /// Adds a newly active day. The common case (a day after the last one) is incremental; a day before the
    /// last one (a member who moved to a zone behind) needs every day, so <paramref name="allDays"/> is asked then.
    /// </summary>
    public static StreakSummary AddDay(StreakSummary current, DateOnly day, Func<IEnumerable<DateOnly>> allDays)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(allDays);
        if (current.LastActiveDate is not { } last)
        {
            return new StreakSummary(day, 1, Math.Max(1, current.BestStreak), 1);
        }

        if (day == last)
        {
            return current;
        }

        if (day > last)
        {
            var run = last.AddDays(1) == day ? current.RunEndingOnLastDate + 1 : 1;
            return new StreakSummary(day, run, Math.Max(current.BestStreak, run), current.TotalDays + 1);
        }

        return Recompute(allDays().Append(day));
    }

    /// <summary>The current streak seen from the member's local <paramref name="today"/>.</summary>
    public static int CurrentStreak(StreakSummary summary, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.LastActiveDate is { } last && last >= today.AddDays(-1) ? summary.RunEndingOnLastDate : 0;
    }

    /// <summary>The current streak counted from the full day list: from today if done, else from yesterday.</summary>
    public static int CurrentStreak(IReadOnlyCollection<DateOnly> activeDays, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(activeDays);
        var set = activeDays as IReadOnlySet<DateOnly> ?? activeDays.ToHashSet();
        var cursor = set.Contains(today) ? today : today.AddDays(-1);
        var streak = 0;
        while (set.Contains(cursor))
        {
            streak++;
            cursor = cursor.AddDays(-1);
        }

        return streak;
    }
}
