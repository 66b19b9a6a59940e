using StudyBot.Core.Questions;

namespace StudyBot.Core.Servers;

/// <summary>
/// A server's daily-question setup as its admins chose it with /setup and /schedule. <see cref="ConfiguredAt"/>
/// keeps catch-up from posting for a time that had passed before the server was set up. <see cref="QuestionSource"/>
/// says which questions its daily rotation draws from. <see cref="FreezeLimit"/> is how many streak freezes a member
/// may hold (0: freezes off). <see cref="MilestoneRoles"/> maps streak lengths to roles (<see cref="Milestones.MilestoneMap"/>'s
/// text, "7=123;30=456"; null: none); <see cref="MilestonesPausedReason"/> says why granting them is paused (the platform
/// refused), until an admin sets a milestone again.
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
    QuestionSource QuestionSource = QuestionSource.Both,
    int FreezeLimit = Streaks.StreakRules.DefaultFreezeLimit,
    string? MilestoneRoles = null,
    string? MilestonesPausedReason = null);
