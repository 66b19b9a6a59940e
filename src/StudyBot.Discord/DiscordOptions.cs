namespace StudyBot.Discord;

/// <summary>The "Discord" configuration section. The token comes only from the environment or user secrets.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    public const int GuildsIntent = 1 << 0;
    public const int GuildMembersIntent = 1 << 1;
    public const int GuildMessagesIntent = 1 << 9;

    /// <summary>The bot token. Never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>REST base URL with the API version; tests and Discord-compatible servers stand in here.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>When set, commands are registered to this server only (instant) instead of globally.</summary>
    public ulong? DevGuildId { get; set; }

    /// <summary>Welcome new members with the /start onboarding. Needs the privileged GUILD_MEMBERS intent.</summary>
    public bool WelcomeEnabled { get; set; }

    public ulong? WelcomeChannelId { get; set; }

    /// <summary>Count replies in the daily question's thread as answers. Needs GUILD_MESSAGES (not MESSAGE_CONTENT).</summary>
    public bool CountThreadReplies { get; set; }

    /// <summary>Discord's global REST limit per bot token; lower it for a test server that enforces less.</summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>How many interactions and messages are handled at once; more wait for a free slot.</summary>
    public int MaxConcurrentEvents { get; set; } = 64;

    /// <summary>On shutdown, how long the events in flight may take to finish before storage closes.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The intents the feature switches need: GUILDS always, the others only when their feature is on.</summary>
    public int Intents =>
        GuildsIntent
        | (WelcomeEnabled ? GuildMembersIntent : 0)
        | (CountThreadReplies ? GuildMessagesIntent : 0);

    /// <summary>The User-Agent Discord asks bots to send, on REST and on the gateway WebSocket.</summary>
    public static string UserAgent { get; } = $"DiscordBot (https://github.com/studybot/studybot, {typeof(DiscordOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"})";
}
