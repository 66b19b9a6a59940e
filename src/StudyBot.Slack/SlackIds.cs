using StudyBot.Core.Servers;

namespace StudyBot.Slack;

/// <summary>
/// Slack's ids as Core's platform-scoped ids: a workspace T123 is the server "slack:T123", so it can never meet a
/// Discord server or the console chat in storage. Users keep their own id (U…, W…) within their workspace.
/// </summary>
public static class SlackIds
{
    public const string Platform = "slack";

    public static string Server(string teamId) => ServerIds.Of(Platform, teamId);

    /// <summary>The workspace of a Slack server id, or null for a server of another platform.</summary>
    public static string? TeamOf(string serverId) =>
        ServerIds.PlatformOf(serverId) == Platform ? serverId[(Platform.Length + 1)..] : null;
}
