namespace StudyBot.Slack.Api;

/// <summary>Slack's rate-limit tiers (docs: web-api/rate-limits). Special methods have limits of their own.</summary>
public enum SlackTier
{
    Tier1,
    Tier2,
    Tier3,
    Tier4,

    /// <summary>chat.postMessage: about one message per second per channel, several hundred per minute per workspace.</summary>
    PostMessage,
}

/// <summary>How a method's arguments travel.</summary>
public enum SlackEncoding
{
    /// <summary><c>application/json; charset=utf-8</c>, for write methods that accept it.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c>, for methods that do not accept JSON (reads such as users.info).</summary>
    Form,
}

/// <summary>
/// What the client needs to know about one method. <paramref name="RetryAfterTimeout"/> is false where a timed-out
/// request may still have been carried out and doing it twice would show (a second message).
/// </summary>
public sealed record SlackMethod(string Name, SlackTier Tier, SlackEncoding Encoding, bool UsesAppToken = false, bool RetryAfterTimeout = true);

/// <summary>The methods the bot calls, with their tiers and encodings (slack-protocol.md §4.1, §4.3, §5).</summary>
public static class SlackMethods
{
    public static readonly SlackMethod AuthTest = new("auth.test", SlackTier.Tier3, SlackEncoding.Form); // "special", value unconfirmed: Tier 3 is safe
    public static readonly SlackMethod AppsConnectionsOpen = new("apps.connections.open", SlackTier.Tier1, SlackEncoding.Form, UsesAppToken: true); // sources disagree (1 or 3): budget for 1
    public static readonly SlackMethod ChatPostMessage = new("chat.postMessage", SlackTier.PostMessage, SlackEncoding.Json, RetryAfterTimeout: false);
    public static readonly SlackMethod ChatPostEphemeral = new("chat.postEphemeral", SlackTier.Tier4, SlackEncoding.Json, RetryAfterTimeout: false); // tier unconfirmed
    public static readonly SlackMethod ChatUpdate = new("chat.update", SlackTier.Tier3, SlackEncoding.Json);
    public static readonly SlackMethod ViewsOpen = new("views.open", SlackTier.Tier4, SlackEncoding.Json);
    public static readonly SlackMethod UsersInfo = new("users.info", SlackTier.Tier4, SlackEncoding.Form);
    public static readonly SlackMethod ConversationsOpen = new("conversations.open", SlackTier.Tier3, SlackEncoding.Json);
    public static readonly SlackMethod ConversationsJoin = new("conversations.join", SlackTier.Tier3, SlackEncoding.Json);
    public static readonly SlackMethod ConversationsInfo = new("conversations.info", SlackTier.Tier3, SlackEncoding.Form);
    public static readonly SlackMethod ConversationsHistory = new("conversations.history", SlackTier.Tier3, SlackEncoding.Form);
    public static readonly SlackMethod ReactionsAdd = new("reactions.add", SlackTier.Tier3, SlackEncoding.Json); // tier unconfirmed

    private static readonly Dictionary<string, SlackMethod> Known = new[]
    {
        AuthTest, AppsConnectionsOpen, ChatPostMessage, ChatPostEphemeral, ChatUpdate, ViewsOpen,
        UsersInfo, ConversationsOpen, ConversationsJoin, ConversationsInfo, ConversationsHistory, ReactionsAdd,
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>A known method, or for any other name Tier 3 and form encoding, which every method accepts.</summary>
    public static SlackMethod Find(string name) =>
        Known.TryGetValue(name, out var method) ? method : new SlackMethod(name, SlackTier.Tier3, SlackEncoding.Form);
}
