using StudyBot.Core.Questions;

namespace StudyBot.Core.Servers;

/// <summary>
/// A server's daily-question setup as its admins chose it with /setup and /schedule. <see cref="ConfiguredAt"/>
/// keeps catch-up from posting for a time that had passed before the server was set up. <see cref="QuestionSource"/>
/// says which questions its daily rotation draws from.
/// </summary>
public sealed record ServerSettings(
    string ServerId,
    string ChannelId,
    TimeOnly PostTime,
    string TimeZoneId,
    string? PingRoleId,
    bool Paused,
    string? PausedReason,
    DateTimeOffset ConfiguredAt,
    QuestionSource QuestionSource = QuestionSource.Both);
