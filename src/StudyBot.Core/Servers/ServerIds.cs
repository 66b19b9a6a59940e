namespace StudyBot.Core.Servers;

/// <summary>
/// A server id is "platform:id" ("discord:123", "slack:T123", "console:local"): the platform scopes the id, so servers
/// of two platforms never meet. Core reads only the scope, to hand a server's work to its platform's adapter.
/// </summary>
public static class ServerIds
{
    public static string Of(string platform, string platformId)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentException.ThrowIfNullOrEmpty(platformId);
        if (platform.Contains(':', StringComparison.Ordinal) || platformId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A platform and its id contain no ':' (got '{platform}', '{platformId}').");
        }

        return platform + ":" + platformId;
    }

    /// <summary>The platform part of a server id; empty for an id without one.</summary>
    public static string PlatformOf(string serverId)
    {
        ArgumentNullException.ThrowIfNull(serverId);
        var colon = serverId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? serverId[..colon] : "";
    }
}
