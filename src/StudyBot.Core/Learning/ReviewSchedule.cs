namespace StudyBot.Core.Learning;

/// <summary>Where one question stands for one member: its last rating and when it is due again (a local date of theirs).</summary>
public sealed record QuestionSchedule(int QuestionId, SelfRating LastRating, DateOnly LastRated, int Repetitions, double Ease, int IntervalDays)
{
    public DateOnly Due => LastRated.AddDays(IntervalDays);
}

/// <summary>
/// The review schedule, derived from a member's ratings alone (nothing but the ratings is stored, so it can always be
/// rebuilt). It is SM-2 (Wozniak 1990, as Wikipedia's "SuperMemo" article states it): it is the best known, fully
/// documented schedule, needs no parameters fitted to data (FSRS does), and folds over a short history in microseconds.
/// The three buttons sit on SM-2's grade scale either side of its pass line at 3: Missed it = 1 (fail: the question
/// comes back the next day and its repetitions restart), Partly = 3 (a pass with serious difficulty: the interval still
/// grows but the ease drops), Got it = 5 (the ease rises). Intervals are whole days: 1, 6, then the last interval times
/// the ease, so a question got every time comes back after 1, 6, 16, 45… days. One rule is ours: a second rating of
/// the same question on the same local day replaces the first (a change of mind, not a second review), so pressing
/// Got it twice cannot double an interval.
/// </summary>
public static class ReviewSchedule
{
    public const double StartEase = 2.5;
    public const double MinEase = 1.3;

    /// <summary>The SM-2 grade (0–5) of a rating.</summary>
    public static int Grade(SelfRating rating) => rating switch
    {
        SelfRating.Missed => 1,
        SelfRating.Partly => 3,
        SelfRating.Got => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Unknown rating."),
    };

    /// <summary>Each rated question's schedule, from the member's ratings in the order they were given.</summary>
    public static Dictionary<int, QuestionSchedule> Derive(IEnumerable<RatingRecord> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var reviews = new Dictionary<int, List<(DateOnly Date, SelfRating Rating)>>();
        foreach (var rating in ratings)
        {
            if (!reviews.TryGetValue(rating.QuestionId, out var list))
            {
                reviews[rating.QuestionId] = list = [];
            }

            if (list.Count > 0 && list[^1].Date == rating.LocalDate)
            {
                list[^1] = (rating.LocalDate, rating.Rating);
            }
            else
            {
                list.Add((rating.LocalDate, rating.Rating));
            }
        }

        var schedules = new Dictionary<int, QuestionSchedule>(reviews.Count);
        foreach (var (questionId, list) in reviews)
        {
            schedules[questionId] = Fold(questionId, list);
        }

        return schedules;
    }

    private static QuestionSchedule Fold(int questionId, List<(DateOnly Date, SelfRating Rating)> reviews)
    {
        var repetitions = 0;
        var ease = StartEase;
        var interval = 0;
        foreach (var (_, rating) in reviews)
        {
            var grade = Grade(rating);
            if (grade >= 3)
            {
                interval = repetitions switch
                {
                    0 => 1,
                    1 => 6,
                    _ => (int)Math.Round(interval * ease, MidpointRounding.AwayFromZero),
                };
                repetitions++;
            }
            else
            {
                repetitions = 0;
                interval = 1;
            }

            ease = Math.Max(MinEase, ease + (0.1 - ((5 - grade) * (0.08 + ((5 - grade) * 0.02)))));
        }

        var (lastDate, lastRating) = reviews[^1];
        return new QuestionSchedule(questionId, lastRating, lastDate, repetitions, ease, interval);
    }
}
