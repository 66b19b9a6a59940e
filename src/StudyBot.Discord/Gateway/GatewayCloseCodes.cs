namespace StudyBot.Discord.Gateway;

/// <summary>What to do after the gateway connection ended.</summary>
public enum GatewayCloseAction
{
    /// <summary>Reconnect and resume the session (identify when there is none).</summary>
    Resume,

    /// <summary>Reconnect and identify afresh: the session is gone.</summary>
    NewSession,

    /// <summary>Stop: reconnecting cannot help and would only burn identifies.</summary>
    Fatal,
}

/// <summary>The one place that decides what a gateway close code means (docs: opcodes-and-status-codes).</summary>
public static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;

    public static GatewayCloseAction Classify(int? code) => code switch
    {
        // Unlike Discord.Net we treat a bad token as fatal: retrying it burns identifies and can reset the token.
        4004 or (>= 4010 and <= 4014) => GatewayCloseAction.Fatal,
        // Invalid sequence / session timed out: the docs say to start a new session.
        4007 or 4009 => GatewayCloseAction.NewSession,
        // A normal close from the server ends the session.
        1000 or 1001 => GatewayCloseAction.NewSession,
        // Everything else, and a dropped connection (no code), keeps the session resumable.
        _ => GatewayCloseAction.Resume,
    };

    /// <summary>One sentence for the operator. Never includes the token.</summary>
    public static string DescribeFatal(int code) => code switch
    {
        4004 => "Discord rejected the bot token (4004). Check Discord__Token.",
        4010 => "Discord rejected the shard sent in Identify (4010).",
        4011 => "Discord requires sharding for this bot (4011): it is in too many servers for one connection.",
        4012 => "Discord rejected the gateway API version (4012).",
        4013 => "Discord rejected the intents sent in Identify (4013).",
        4014 => "The bot asked for a privileged intent that is not enabled in the Developer Portal (4014). Enable it there or turn the feature off.",
        _ => $"Discord closed the gateway with code {code} and does not allow reconnecting.",
    };
}
