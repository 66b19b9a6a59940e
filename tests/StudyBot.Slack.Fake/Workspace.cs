using System.Text.Json.Nodes;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>
/// A workspace member as users.info reports it (UOBJ). Time-zone fields may be absent in real payloads, so
/// <see cref="Tz"/>, <see cref="TzLabel"/> and <see cref="TzOffset"/> are left out of the answer when null.
/// </summary>
public sealed record FakeSlackUser(string Id)
{
    public string Name { get; init; } = "student";

    public string RealName { get; init; } = "Ada Student";

    public string DisplayName { get; init; } = "ada";

    /// <summary>An IANA zone name, as in every documented example (e.g. "Europe/Berlin").</summary>
    public string? Tz { get; init; } = "Europe/Berlin";

    public string? TzLabel { get; init; } = "Central European Time";

    /// <summary>Seconds east of UTC; Slack changes it silently with daylight saving time.</summary>
    public int? TzOffset { get; init; } = 3600;

    public bool IsAdmin { get; init; }

    public bool IsOwner { get; init; }

    public bool IsBot { get; init; }

    public bool Deleted { get; init; }

    public string? Locale { get; init; } = "en-US";

    internal JsonObject ToJson(string teamId, bool includeLocale)
    {
        var user = new JsonObject
        {
            ["id"] = Id,
            ["team_id"] = teamId,
            ["name"] = Name,
            ["deleted"] = Deleted,
            ["color"] = "9f69e7",
            ["real_name"] = RealName,
        };
        if (Tz is not null)
        {
            user["tz"] = Tz;
        }

        if (TzLabel is not null)
        {
            user["tz_label"] = TzLabel;
        }

        if (TzOffset is not null)
        {
            user["tz_offset"] = TzOffset;
        }

        user["profile"] = new JsonObject
        {
            ["real_name"] = RealName,
            ["display_name"] = DisplayName,
            ["real_name_normalized"] = RealName,
            ["display_name_normalized"] = DisplayName,
            ["team"] = teamId,
        };
        user["is_admin"] = IsAdmin;
        user["is_owner"] = IsOwner;
        user["is_primary_owner"] = IsOwner;
        user["is_restricted"] = false;
        user["is_ultra_restricted"] = false;
        user["is_bot"] = IsBot;
        user["is_app_user"] = false;
        user["updated"] = 1_767_600_000;
        if (includeLocale && Locale is not null)
        {
            user["locale"] = Locale;
        }

        return user;
    }
}

/// <summary>
/// One conversation's scriptable state. Every channel id exists and lets the bot post until a test says otherwise
/// (<see cref="FakeSlack.Channel"/> creates the state on first use), mirroring the fake Discord.
/// </summary>
public sealed class FakeSlackChannel
{
    private readonly HashSet<string> usersNotInChannel = [];
    private readonly Lock gate = new();

    internal FakeSlackChannel(string id) => Id = id;

    public string Id { get; }

    public string Name { get; set; } = "study";

    /// <summary>False: every method naming this channel gets channel_not_found.</summary>
    public bool Exists { get; set; } = true;

    /// <summary>False: chat.postMessage, chat.postEphemeral and reactions.add get not_in_channel.</summary>
    public bool BotIsMember { get; set; } = true;

    /// <summary>True: posting and updating get is_archived.</summary>
    public bool IsArchived { get; set; }

    public bool IsPrivate { get; set; }

    /// <summary>Users chat.postEphemeral refuses with user_not_in_channel.</summary>
    public void RemoveUser(string userId)
    {
        lock (gate)
        {
            usersNotInChannel.Add(userId);
        }
    }

    public bool HasUser(string userId)
    {
        lock (gate)
        {
            return !usersNotInChannel.Contains(userId);
        }
    }
}

/// <summary>Where a message the fake stored came from.</summary>
public enum MessageSource
{
    PostMessage,
    PostEphemeral,
    ResponseUrl,

    /// <summary>A user's message, stored when a test pushed its message event (so threads and reactions can refer to it).</summary>
    UserEvent,
}

/// <summary>A message the fake stored: posted by the bot (chat.*, response_url) or by a user through a pushed event.</summary>
public sealed class FakeSlackMessage
{
    private readonly List<JsonObject> edits = [];
    private readonly Lock gate = new();
    private string text;
    private JsonArray? blocks;

    internal FakeSlackMessage(MessageSource source, string channel, string ts, string? threadTs, string userId, string? botId, string? ephemeralTo, string text, JsonArray? blocks, JsonObject body, DateTimeOffset postedAt)
    {
        Source = source;
        Channel = channel;
        Ts = ts;
        ThreadTs = threadTs;
        UserId = userId;
        BotId = botId;
        EphemeralTo = ephemeralTo;
        this.text = text;
        this.blocks = blocks;
        Body = body;
        PostedAt = postedAt;
    }

    public MessageSource Source { get; }

    public string Channel { get; }

    /// <summary>The message's ts, a string such as "1767603600.000100".</summary>
    public string Ts { get; }

    /// <summary>The parent's ts for a thread reply; null for a top-level message.</summary>
    public string? ThreadTs { get; }

    /// <summary>The author: the bot user for bot messages.</summary>
    public string UserId { get; }

    public string? BotId { get; }

    /// <summary>The one user who sees it, for ephemeral messages (chat.postEphemeral, ephemeral response_url posts).</summary>
    public string? EphemeralTo { get; }

    /// <summary>The arguments (or response_url body) the message was created with.</summary>
    public JsonObject Body { get; }

    public DateTimeOffset PostedAt { get; }

    /// <summary>For a response_url post: the path of the url it came through, so a test can match it to its command.</summary>
    public string? ResponseUrlPath { get; init; }

    public string Text
    {
        get
        {
            lock (gate)
            {
                return text;
            }
        }
    }

    /// <summary>The current blocks (after any chat.update or replace_original), or null.</summary>
    public JsonArray? Blocks
    {
        get
        {
            lock (gate)
            {
                return (JsonArray?)blocks?.DeepClone();
            }
        }
    }

    /// <summary>The bodies of chat.update calls and replace_original posts applied to this message, in order.</summary>
    public IReadOnlyList<JsonObject> Edits
    {
        get
        {
            lock (gate)
            {
                return [.. edits];
            }
        }
    }

    public bool Deleted { get; private set; }

    /// <summary>The first block element (button, input …) whose action_id matches, with its block's block_id.</summary>
    public (string? BlockId, JsonObject Element)? FindElement(string actionId)
    {
        lock (gate)
        {
            foreach (var block in blocks?.OfType<JsonObject>() ?? [])
            {
                var candidates = (block["elements"] as JsonArray)?.OfType<JsonObject>() ?? [];
                if (block["accessory"] is JsonObject accessory)
                {
                    candidates = candidates.Append(accessory);
                }

                if (block["element"] is JsonObject element)
                {
                    candidates = candidates.Append(element);
                }

                foreach (var candidate in candidates)
                {
                    if (candidate["action_id"]?.GetValue<string>() == actionId)
                    {
                        return (block["block_id"]?.GetValue<string>(), (JsonObject)candidate.DeepClone());
                    }
                }
            }

            return null;
        }
    }

    internal void Edit(JsonObject body, string? newText, JsonArray? newBlocks)
    {
        lock (gate)
        {
            edits.Add(body);
            if (newText is not null)
            {
                text = newText;
            }

            if (newBlocks is not null)
            {
                blocks = newBlocks;
            }
        }
    }

    internal void Delete() => Deleted = true;

    /// <summary>The message object as Slack returns it in chat.postMessage and sends it in block_actions payloads.</summary>
    public JsonObject ToJson(string teamId, string appId)
    {
        var message = new JsonObject { ["type"] = "message" };
        lock (gate)
        {
            message["text"] = text;
            message["user"] = UserId;
            if (BotId is not null)
            {
                message["bot_id"] = BotId;
                message["app_id"] = appId;
            }

            message["ts"] = Ts;
            if (ThreadTs is not null)
            {
                message["thread_ts"] = ThreadTs;
            }

            message["team"] = teamId;
            if (blocks is not null)
            {
                message["blocks"] = blocks.DeepClone();
            }
        }

        return message;
    }

    public override string ToString() => $"{Source} {Channel} {Ts}: {Text}";
}

/// <summary>A modal the bot opened with views.open.</summary>
/// <param name="View">The view object as the bot sent it.</param>
/// <param name="UserId">The user whose interaction issued the trigger.</param>
public sealed record FakeSlackView(string Id, string TriggerId, string? UserId, JsonObject View, string Hash, DateTimeOffset OpenedAt)
{
    public string? CallbackId => View["callback_id"]?.GetValue<string>();

    public string? PrivateMetadata => View["private_metadata"]?.GetValue<string>();
}

/// <summary>A reactions.add the fake accepted.</summary>
public sealed record RecordedReaction(string Channel, string Timestamp, string Name, DateTimeOffset ReceivedAt);
