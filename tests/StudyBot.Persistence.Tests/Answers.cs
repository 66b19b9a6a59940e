using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

internal static class Answers
{
    public static readonly DateOnly Day1 = new(2026, 11, 24);

    public static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1));

    public static AnswerRecord For(
        ulong serverId,
        ulong memberId,
        DateOnly localDate,
        string? interactionId = null,
        string timeZoneId = "Europe/Berlin",
        string displayName = "Ada") =>
        new(serverId, memberId, displayName, localDate, timeZoneId, interactionId, 7, AnswerSource.AnswerButton, At);
}
