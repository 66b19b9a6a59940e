using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Streaks;
using StudyBot.Slack.Api;

namespace StudyBot.Slack.Adapter;

/// <summary>What StudyBot needs of a Slack user: the name it shows, their profile's zone, whether they may run admin commands.</summary>
public sealed record SlackProfile(string DisplayName, string? TimeZoneId, bool IsAdmin);

/// <summary>
/// Slack users as members: users.info, cached per workspace and user and refreshed after <see cref="RefreshAfter"/>,
/// so a member's profile zone follows them without a Web API call per command (users.info is a Tier 4 method).
/// Admins are the workspace's admins and owners, or the user ids configured in Slack:AdminUserIds.
/// </summary>
public sealed partial class SlackMemberProfiles(SlackWebApi api, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackMemberProfiles> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<(string Team, string User), (SlackProfile Profile, DateTimeOffset At)> _cache = new();

    public async Task<SlackProfile> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((teamId, userId), out var cached) && now - cached.At < RefreshAfter)
        {
            return cached.Profile;
        }

        var configuredAdmin = options.Value.AdminUserIdList.Contains(userId, StringComparer.Ordinal);
        var result = await api.GetUserAsync(userId, cancellationToken);
        if (!result.Ok)
        {
            // Slack could not say: the last known profile if any, else the id as the name and no admin rights.
            LogProfileUnavailable(userId, result.Error ?? result.Failure.ToString());
            return cached.Profile ?? new SlackProfile(userId, null, configuredAdmin);
        }

        var user = result.Value!;
        var profile = new SlackProfile(
            FirstNonEmpty(user.RealName, user.Name) ?? userId,
            string.IsNullOrWhiteSpace(user.Tz) ? null : user.Tz,
            configuredAdmin || (user.IsWorkspaceAdmin && !user.Deleted));
        _cache[(teamId, userId)] = (profile, now);
        return profile;
    }

    /// <summary>The member as Core sees them, for one envelope; <paramref name="interactionId"/> makes a redelivery count once.</summary>
    public async Task<MemberContext> MemberAsync(string teamId, string userId, string? interactionId, CancellationToken cancellationToken)
    {
        var profile = await GetAsync(teamId, userId, cancellationToken);
        return new MemberContext(SlackIds.Server(teamId), userId, profile.DisplayName, profile.IsAdmin, interactionId, profile.TimeZoneId);
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    [LoggerMessage(EventId = 8300, Level = LogLevel.Warning, Message = "Slack user {UserId}: users.info failed ({Error}); using what is known")]
    private partial void LogProfileUnavailable(string userId, string error);
}
