namespace StudyBot.Core.Streaks;

/// <summary>A member of one server: the name shown on the leaderboard, their own zone if set, and the streak cache.</summary>
public sealed record MemberRecord(string ServerId, string MemberId, string DisplayName, string? TimeZoneId, StreakSummary Streak);
