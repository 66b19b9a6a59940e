namespace StudyBot.Core.Streaks;

public enum AnswerSource
{
    AnswerCommand,
    AnswerButton,
    ThreadReply,
}

/// <summary>
/// One answer as it is appended to storage; <see cref="LocalDate"/> is the member's day in <see cref="TimeZoneId"/>.
/// <see cref="ProfileTimeZoneId"/>, when the platform gives one, is kept on the member for the leaderboard.
/// </summary>
public sealed record AnswerRecord(
    string ServerId,
    string MemberId,
    string DisplayName,
    DateOnly LocalDate,
    string TimeZoneId,
    string? InteractionId,
    int? QuestionId,
    AnswerSource Source,
    DateTimeOffset AnsweredAt,
    string? ProfileTimeZoneId = null);

public enum CreditStatus
{
    /// <summary>The first answer of that local day: the day became active.</summary>
    Credited,

    /// <summary>The day was already active: the answer is kept as practice.</summary>
    AlreadyCountedToday,

    /// <summary>The same interaction was delivered again: nothing new was stored.</summary>
    DuplicateInteraction,
}

/// <summary>What storage did with an answer; for a duplicate, the date and zone of the original answer.</summary>
public sealed record CreditResult(CreditStatus Status, DateOnly LocalDate, string TimeZoneId, StreakSummary Streak);
