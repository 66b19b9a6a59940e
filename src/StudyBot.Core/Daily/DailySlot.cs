namespace StudyBot.Core.Daily;

public enum DailySlotStatus
{
    /// <summary>The question is chosen and the post is being sent; a retry sends this same question.</summary>
    Claimed,
    Sent,
    Skipped,
    Missed,
}

/// <summary>
/// The one daily post of a server for one local date. Claimed in storage before anything is sent, so a retry or
/// a restart reuses the question and the nonce instead of posting twice.
/// </summary>
public sealed record DailySlot(
    string ServerId,
    DateOnly LocalDate,
    DailySlotStatus Status,
    int? QuestionId,
    int Cycle,
    string Nonce,
    string? MessageId,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? SentAt)
{
    /// <summary>A question that members have seen or are about to see; it counts for the rotation.</summary>
    public bool HoldsQuestion => QuestionId is not null && Status is DailySlotStatus.Claimed or DailySlotStatus.Sent;
}
