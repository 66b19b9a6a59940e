using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

internal static class Answers
{
    /// <summary>A Discord guild as version 4 stores it, and members of it.</summary>
    public const string Server = "discord:1100000000000000001";
    public const string Ada = "2200000000000000002";
    public const string Grace = "2200000000000000003";

    public static readonly DateOnly Day1 = new(2026, 11, 24);

    public static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1));

    public static AnswerRecord For(
        string serverId,
        string memberId,
        DateOnly localDate,
        string? interactionId = null,
        string timeZoneId = "Europe/Berlin",
        string displayName = "Ada") =>
        new(serverId, memberId, displayName, localDate, timeZoneId, interactionId, 7, AnswerSource.AnswerButton, At);
}
