using System.Globalization;

namespace StudyBot.Discord;

/// <summary>
/// Discord's snowflakes as Core's platform-scoped ids: a guild 123 is the server "discord:123", so it can never meet a
/// Slack workspace or the console chat in storage. Users keep their snowflake's decimal text within their server.
/// </summary>
public static class DiscordIds
{
    public const string Platform = "discord";

    private const string ServerPrefix = Platform + ":";

    public static string Server(ulong guildId) => ServerPrefix + guildId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The guild of a Discord server id, or null for a server of another platform.</summary>
    public static ulong? GuildOf(string serverId) =>
        serverId is not null
            && serverId.StartsWith(ServerPrefix, StringComparison.Ordinal)
            && ulong.TryParse(serverId.AsSpan(ServerPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var guild)
            ? guild
            : null;

    public static string Member(ulong userId) => userId.ToString(CultureInfo.InvariantCulture);
}
