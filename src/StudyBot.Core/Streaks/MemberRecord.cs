namespace StudyBot.Core.Streaks;

/// <summary>
/// A member of one server: the name shown on the leaderboard, their own zone if set, the zone their platform profile
/// gave at their latest answer, and the streak cache.
/// </summary>
public sealed record MemberRecord(string ServerId, string MemberId, string DisplayName, string? TimeZoneId, StreakSummary Streak, string? ProfileTimeZoneId = null);
