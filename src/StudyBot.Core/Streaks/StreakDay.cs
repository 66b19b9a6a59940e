namespace StudyBot.Core.Streaks;

/// <summary>A member's day as stored: when it first counted, in which zone, for which question, how many answers in all.</summary>
public sealed record ActiveDay(DateOnly Date, string TimeZoneId, int? QuestionId, int Answers, DateTimeOffset? AnsweredAt);

public enum DayKind
{
    /// <summary>Answered: the day counts.</summary>
    Counted,

    /// <summary>A question was posted during the day and not answered, and a held freeze covered it.</summary>
    Frozen,

    /// <summary>No question was posted during the day: it neither counts nor breaks.</summary>
    Neutral,

    /// <summary>A question was posted during the day and not answered: the streak broke (or there was none).</summary>
    Missed,

    /// <summary>Today, not answered yet: never a break.</summary>
    Pending,
}

/// <summary>Whether a question was posted during a member's local day, and if not, why not.</summary>
public sealed record DayQuestion(int? QuestionId, DateTimeOffset? PostedAt, string? NeutralReason)
{
    /// <summary>Not looked up: the day was answered or is today.</summary>
    public static DayQuestion Unknown { get; } = new(null, null, null);

    public bool Posted => NeutralReason is null;
}

/// <summary>One day of a member's history, explained.</summary>
public sealed record StreakDay(DateOnly Date, DayKind Kind, DayQuestion Question, ActiveDay? Active, int FreezesHeld);

/// <summary>The streak derived from the days, the posts and the freeze ledger, seen from the member's local today.</summary>
public sealed record StreakEvaluation(
    DateOnly Today,
    int Current,
    int Best,
    int TotalDays,
    int FreezesHeld,
    bool TodayDone,
    IReadOnlyList<StreakDay> Days,
    IReadOnlyList<FreezeEvent> NewFreezeEvents)
{
    public static StreakEvaluation Empty(DateOnly today) => new(today, 0, 0, 0, 0, false, [], []);
}
