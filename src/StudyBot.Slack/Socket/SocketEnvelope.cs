using System.Text.Json.Nodes;

namespace StudyBot.Slack.Socket;

/// <summary>The three envelope types Socket Mode delivers; others are acknowledged and ignored.</summary>
public enum SocketEnvelopeType
{
    EventsApi,
    SlashCommands,
    Interactive,
}

/// <summary>
/// One envelope from Slack. <see cref="Payload"/> is the typed body; <see cref="RawPayload"/> the JSON as it came, for
/// fields the records leave out. <see cref="RetryAttempt"/> and <see cref="RetryReason"/> exist for events_api only.
/// </summary>
public sealed record SocketEnvelope(
    string EnvelopeId,
    SocketEnvelopeType Type,
    bool AcceptsResponsePayload,
    int RetryAttempt,
    string? RetryReason,
    SlackPayload Payload,
    JsonObject RawPayload)
{
    /// <summary>What identifies a delivery across retries: the event_id for events, else the envelope_id.</summary>
    public string DeliveryKey => Payload is EventCallback { EventId.Length: > 0 } e ? "event:" + e.EventId : "envelope:" + EnvelopeId;
}

/// <summary>The typed body of an envelope.</summary>
public abstract record SlackPayload;

/// <summary>An interaction or events_api body of a type the bot does not handle (shortcuts, app_rate_limited…).</summary>
public sealed record UnknownPayload(string Type) : SlackPayload;

/// <summary>A slash command (payload of a <c>slash_commands</c> envelope). Slash commands never arrive inside threads.</summary>
public sealed record SlashCommand(
    string Command,
    string Text,
    string UserId,
    string TeamId,
    string ChannelId,
    string TriggerId,
    Uri? ResponseUrl,
    string? UserName,
    string? TeamDomain,
    string? ChannelName,
    string? EnterpriseId,
    string? ApiAppId,
    bool IsEnterpriseInstall) : SlackPayload;

/// <summary>Who interacted, as interaction payloads carry it.</summary>
public sealed record SlackUserRef(string Id, string? UserName, string? TeamId);

/// <summary>One element in block_actions.actions[], e.g. a button: its action_id and value.</summary>
public sealed record BlockAction(string Type, string ActionId, string? BlockId, string? Value, string? ActionTs);

/// <summary>
/// Where a block action happened: a message (<see cref="MessageTs"/>, <see cref="ChannelId"/>, <see cref="IsEphemeral"/>)
/// or a view (<see cref="ViewId"/>).
/// </summary>
public sealed record InteractionContainer(string Type, string? MessageTs, string? ChannelId, bool IsEphemeral, string? ThreadTs, string? ViewId);

/// <summary>A button (or other element) was used (payload.type <c>block_actions</c>).</summary>
public sealed record BlockActions(
    SlackUserRef User,
    string? TeamId,
    string? ChannelId,
    string? TriggerId,
    Uri? ResponseUrl,
    InteractionContainer? Container,
    string? MessageTs,
    IReadOnlyList<BlockAction> Actions,
    string? ViewId,
    string? ApiAppId) : SlackPayload;

/// <summary>One input's state in a submitted view: its element type and value (null when an optional input was left empty).</summary>
public sealed record ViewInputValue(string Type, string? Value, JsonObject Raw);

/// <summary>A modal was submitted (payload.type <c>view_submission</c>). Answer in the ack: errors, update, push, clear or nothing.</summary>
public sealed record ViewSubmission(
    SlackUserRef User,
    string? TeamId,
    string? TriggerId,
    string ViewId,
    string CallbackId,
    string PrivateMetadata,
    string? Hash,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewInputValue>> Values,
    string? ApiAppId) : SlackPayload
{
    /// <summary>The value of the input <paramref name="actionId"/> in block <paramref name="blockId"/>, or null.</summary>
    public string? ValueOf(string blockId, string actionId) =>
        Values.TryGetValue(blockId, out var block) && block.TryGetValue(actionId, out var input) ? input.Value : null;
}

/// <summary>A modal was closed with Cancel or × (payload.type <c>view_closed</c>; only when the view set notify_on_close).</summary>
public sealed record ViewClosed(SlackUserRef User, string? TeamId, string ViewId, string CallbackId, string PrivateMetadata, bool IsCleared) : SlackPayload;

/// <summary>An Events API callback (payload of an <c>events_api</c> envelope with type event_callback).</summary>
public sealed record EventCallback(string EventId, string? TeamId, string? ApiAppId, long? EventTime, SlackEvent Event) : SlackPayload;

/// <summary>The inner event of an <see cref="EventCallback"/>.</summary>
public abstract record SlackEvent(string Type);

/// <summary>An event type the bot does not read; its JSON is in the envelope's RawPayload.</summary>
public sealed record UnknownEvent(string EventType) : SlackEvent(EventType);

/// <summary>
/// A message in a channel the bot is in (message.channels / message.groups). A thread reply has a
/// <see cref="ThreadTs"/> different from its own <see cref="Ts"/>; edits, deletions and joins carry a <see cref="Subtype"/>.
/// </summary>
public sealed record MessageEvent(
    string Channel,
    string? ChannelType,
    string? User,
    string? BotId,
    string? Subtype,
    string Text,
    string Ts,
    string? ThreadTs,
    string? ParentUserId,
    string? Team) : SlackEvent("message")
{
    public bool IsThreadReply => ThreadTs is not null && ThreadTs != Ts;

    /// <summary>A plain message by a person: no subtype (not an edit, deletion, join or bot post) and no bot_id.</summary>
    public bool IsPlainUserMessage => Subtype is null && BotId is null && User is not null;

    /// <summary>Posted by this bot (auth.test's user_id and bot_id); the bot must not react to itself.</summary>
    public bool IsFrom(string botUserId, string? botId) =>
        (User is not null && User == botUserId) || (botId is not null && BotId == botId);
}

/// <summary>Someone joined a channel the bot is in (also fires for the bot itself: compare with auth.test's user_id).</summary>
public sealed record MemberJoinedChannelEvent(string User, string Channel, string? ChannelType, string? Team, string? Inviter) : SlackEvent("member_joined_channel");

/// <summary>A member opened the app's Home or Messages tab; fires on every open.</summary>
public sealed record AppHomeOpenedEvent(string User, string Channel, string? Tab) : SlackEvent("app_home_opened");
