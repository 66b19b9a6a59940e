namespace StudyBot.Core.Streaks;

/// <summary>
/// The fair-streak rules, as one walk over a member's local days from their first active day to today:
/// <list type="bullet">
/// <item>an answered day counts; today, unanswered, is pending and never a break;</item>
/// <item>a day during which the server posted no question is neutral: it neither counts nor breaks;</item>
/// <item>a day with a posted question and no answer is covered by a held freeze while there is a streak to keep,
/// else it breaks the streak;</item>
/// <item>every <see cref="DaysPerFreeze"/> consecutive counted days (neutral and frozen days between them do not
/// interrupt) earn a freeze, up to the server's limit.</item>
/// </list>
/// Stored freeze events are the record: a date already decided keeps its decision (a later change of the limit only
/// affects days not decided yet). Decisions for days after the latest stored event are returned as new events.
/// </summary>
public static class StreakRules
{
    public const int DaysPerFreeze = 7;
    public const int DefaultFreezeLimit = 2;
    public const int MaxFreezeLimit = 5;

    public static StreakEvaluation Evaluate(
        IReadOnlyList<ActiveDay> days,
        Func<DateOnly, DayQuestion> questionOn,
        IReadOnlyList<FreezeEvent> stored,
        int freezeLimit,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(questionOn);
        ArgumentNullException.ThrowIfNull(stored);
        if (days.Count == 0)
        {
            return StreakEvaluation.Empty(today);
        }

        var active = new Dictionary<DateOnly, ActiveDay>(days.Count);
        foreach (var day in days)
        {
            active.TryAdd(day.Date, day);
        }

        var earned = new HashSet<DateOnly>();
        var used = new HashSet<DateOnly>();
        DateOnly? decidedThrough = null;
        foreach (var e in stored)
        {
            (e.Kind == FreezeEventKind.Earned ? earned : used).Add(e.Date);
            decidedThrough = decidedThrough is { } d && d > e.Date ? d : e.Date;
        }

        var first = active.Keys.Min();
        var latest = active.Keys.Max();
        var last = today > latest ? today : latest;
        var explained = new List<StreakDay>(last.DayNumber - first.DayNumber + 1);
        var fresh = new List<FreezeEvent>();
        int held = 0, run = 0, best = 0, sinceEarned = 0;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var undecided = decidedThrough is not { } through || date > through;
            DayKind kind;
            var question = date < today ? questionOn(date) : DayQuestion.Unknown;
            if (active.ContainsKey(date))
            {
                kind = DayKind.Counted;
                run++;
                best = Math.Max(best, run);
                if (++sinceEarned == DaysPerFreeze)
                {
                    sinceEarned = 0;
                    if (earned.Contains(date))
                    {
                        held++;
                    }
                    else if (undecided && date < today && held < freezeLimit)
                    {
                        held++;
                        fresh.Add(new FreezeEvent(FreezeEventKind.Earned, date, default));
                    }
                }
            }
            else if (date >= today)
            {
                kind = DayKind.Pending;
            }
            else if (!question.Posted)
            {
                kind = DayKind.Neutral;
            }
            else if (used.Contains(date) || (undecided && run > 0 && held > 0))
            {
                kind = DayKind.Frozen;
                held = Math.Max(0, held - 1);
                if (!used.Contains(date))
                {
                    fresh.Add(new FreezeEvent(FreezeEventKind.Used, date, default));
                }
            }
            else
            {
                kind = DayKind.Missed;
                run = 0;
                sinceEarned = 0;
            }

            explained.Add(new StreakDay(date, kind, question, active.GetValueOrDefault(date), held));
        }

        return new StreakEvaluation(today, run, best, active.Count, held, active.ContainsKey(today), explained, fresh);
    }
}
