namespace StudyBot.Slack.Tests.Fake;

/// <summary>The Web API methods the fake serves, as the path segment after /api/.</summary>
public static class SlackMethods
{
    public const string AuthTest = "auth.test";
    public const string AppsConnectionsOpen = "apps.connections.open";
    public const string ChatPostMessage = "chat.postMessage";
    public const string ChatPostEphemeral = "chat.postEphemeral";
    public const string ChatUpdate = "chat.update";
    public const string ViewsOpen = "views.open";
    public const string UsersInfo = "users.info";
    public const string ConversationsOpen = "conversations.open";
    public const string ReactionsAdd = "reactions.add";
    public const string ConversationsHistory = "conversations.history";

    /// <summary>Not a Web API method: the name requests to a response_url are recorded (and scripted) under.</summary>
    public const string ResponseUrl = "response_url";

    /// <summary>Every method above that lives under /api/.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AuthTest, AppsConnectionsOpen, ChatPostMessage, ChatPostEphemeral, ChatUpdate, ViewsOpen, UsersInfo, ConversationsOpen, ReactionsAdd, ConversationsHistory];

    /// <summary>
    /// The rate tier of each method, from the method pages as quoted in docs/slack-protocol.md §4.3 and §1.1.
    /// chat.postMessage is "Special" and handled on its own (per channel and per workspace).
    /// </summary>
    internal static SlackTier DefaultTier(string method) => method switch
    {
        // api.slack.com says Tier 1, the kit metadata Tier 3 (§1.1): the stricter one, so reconnect storms show.
        AppsConnectionsOpen => SlackTier.Tier1,
        // "Special", value UNCONFIRMED (§4.3): treated as the most generous tier.
        AuthTest => SlackTier.Tier4,
        ChatPostMessage => SlackTier.Special,
        // UNCONFIRMED; Tier 4 per third-party notes (§4.3).
        ChatPostEphemeral => SlackTier.Tier4,
        ChatUpdate => SlackTier.Tier3,
        ViewsOpen => SlackTier.Tier4,
        UsersInfo => SlackTier.Tier4,
        // Not in the brief's table; Slack's method pages list both as Tier 3 (UNCONFIRMED here).
        ConversationsOpen => SlackTier.Tier3,
        ConversationsHistory => SlackTier.Tier3,
        ReactionsAdd => SlackTier.Tier3,
        _ => SlackTier.Tier4,
    };

    /// <summary>Methods that read their arguments only from a form body (SPECS `consumes`, §4.1); a JSON body leaves them without arguments.</summary>
    internal static bool IsFormOnly(string method) => method is UsersInfo;
}

/// <summary>Slack's rate tiers (docs/slack-protocol.md §5, RLDOC): 1+, 20+, 50+ and 100+ calls per minute; Special is per method.</summary>
public enum SlackTier
{
    Tier1 = 1,
    Tier2 = 2,
    Tier3 = 3,
    Tier4 = 4,
    Special = 9,
}
