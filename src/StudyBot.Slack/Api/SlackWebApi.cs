using System.Text.Json.Nodes;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Api;

/// <summary>The bot's identity from auth.test: its own user and bot ids, to drop its own messages.</summary>
public sealed record SlackIdentity(string UserId, string? BotId, string TeamId, string? Team, string? Url, bool IsEnterpriseInstall);

/// <summary>Where a message landed: its channel and <c>ts</c> (a string such as "1503435956.000247"; never a number).</summary>
public sealed record PostedMessage(string Channel, string Ts);

/// <summary>
/// The user fields the bot reads (users.info). <see cref="Tz"/> is an IANA name such as "Europe/Berlin", or null
/// when Slack has none; schedule with it, never with <see cref="TzOffset"/>, which silently changes with DST.
/// </summary>
public sealed record SlackUser(
    string Id,
    string? TeamId,
    string? Name,
    string? RealName,
    string? Tz,
    string? TzLabel,
    int? TzOffset,
    bool IsAdmin,
    bool IsOwner,
    bool IsPrimaryOwner,
    bool IsRestricted,
    bool IsUltraRestricted,
    bool IsBot,
    bool Deleted)
{
    /// <summary>A workspace admin or owner.</summary>
    public bool IsWorkspaceAdmin => IsAdmin || IsOwner || IsPrimaryOwner;
}

/// <summary>Typed helpers for the methods the bot needs, over <see cref="ISlackApi"/>. Messages never unfurl links.</summary>
public sealed class SlackWebApi(ISlackApi api)
{
    public ISlackApi Api => api;

    /// <summary>auth.test: who the bot token belongs to. Call once at start-up.</summary>
    public async Task<SlackResult<SlackIdentity>> AuthTestAsync(CancellationToken cancellationToken)
    {
        var call = await api.CallAsync(SlackMethods.AuthTest.Name, null, cancellationToken);
        var json = call.Json;
        return Read(call, json is not null && Str(json, "user_id") is { } userId && Str(json, "team_id") is { } teamId
            ? new SlackIdentity(userId, Str(json, "bot_id"), teamId, Str(json, "team"), Str(json, "url"), Bool(json, "is_enterprise_install"))
            : null);
    }

    /// <summary>apps.connections.open with the app-level token: a fresh, single-use Socket Mode URL.</summary>
    public async Task<SlackResult<Uri>> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var call = await api.CallAsync(SlackMethods.AppsConnectionsOpen.Name, null, cancellationToken);
        return Read(call, Uri.TryCreate(Str(call.Json, "url"), UriKind.Absolute, out var url) ? url : null);
    }

    /// <summary>
    /// chat.postMessage; in a thread when <paramref name="threadTs"/> is the parent's ts. <paramref name="metadata"/>
    /// ({event_type, event_payload}) travels with the message and comes back in conversations.history.
    /// </summary>
    public async Task<SlackResult<PostedMessage>> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken, JsonObject? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = message.ToJson();
        args["channel"] = channel;
        if (metadata is not null)
        {
            args["metadata"] = metadata;
        }

        args["unfurl_links"] = false;
        args["unfurl_media"] = false;
        if (threadTs is not null)
        {
            args["thread_ts"] = threadTs;
        }

        var call = await api.CallAsync(SlackMethods.ChatPostMessage.Name, args, cancellationToken);
        return Read(call, Posted(call.Json, channel));
    }

    /// <summary>
    /// The channel's messages since <paramref name="oldest"/> (newest first, at most <paramref name="limit"/>) with their
    /// metadata, as (ts, metadata) pairs; the metadata is null for a message without any.
    /// </summary>
    public async Task<SlackResult<IReadOnlyList<(string Ts, JsonObject? Metadata)>>> HistoryAsync(string channel, DateTimeOffset oldest, int limit, CancellationToken cancellationToken)
    {
        var args = new JsonObject
        {
            ["channel"] = channel,
            ["oldest"] = oldest.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".000000",
            ["limit"] = limit,
            ["include_all_metadata"] = true,
        };
        var call = await api.CallAsync(SlackMethods.ConversationsHistory.Name, args, cancellationToken);
        IReadOnlyList<(string Ts, JsonObject? Metadata)>? messages = call.Json?["messages"] is JsonArray list
            ? [.. list.OfType<JsonObject>()
                .Where(m => m["ts"] is JsonValue)
                .Select(m => (m["ts"]!.GetValue<string>(), m["metadata"] as JsonObject))]
            : null;
        return Read(call, messages);
    }

    /// <summary>chat.postEphemeral: only <paramref name="user"/> sees it, and only while they are in <paramref name="channel"/>. Returns message_ts.</summary>
    public async Task<SlackResult<string>> PostEphemeralAsync(string channel, string user, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = message.ToJson();
        args["channel"] = channel;
        args["user"] = user;
        if (threadTs is not null)
        {
            args["thread_ts"] = threadTs;
        }

        var call = await api.CallAsync(SlackMethods.ChatPostEphemeral.Name, args, cancellationToken);
        return Read(call, Str(call.Json, "message_ts"));
    }

    /// <summary>chat.update of a message the bot posted (a DM needs its D… channel id, not a user id).</summary>
    public async Task<SlackResult<PostedMessage>> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = message.ToJson();
        args["channel"] = channel;
        args["ts"] = ts;
        var call = await api.CallAsync(SlackMethods.ChatUpdate.Name, args, cancellationToken);
        return Read(call, Posted(call.Json, channel));
    }

    /// <summary>views.open with a trigger_id (valid 3 s, once). Returns the view id.</summary>
    public async Task<SlackResult<string>> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var args = new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() };
        var call = await api.CallAsync(SlackMethods.ViewsOpen.Name, args, cancellationToken);
        return Read(call, call.Json?["view"] is JsonObject v ? Str(v, "id") : null);
    }

    /// <summary>users.info: time zone, admin flags, bot and deleted flags.</summary>
    public async Task<SlackResult<SlackUser>> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        var call = await api.CallAsync(SlackMethods.UsersInfo.Name, new JsonObject { ["user"] = userId }, cancellationToken);
        SlackUser? user = null;
        if (call.Json?["user"] is JsonObject u && Str(u, "id") is { } id)
        {
            user = new SlackUser(
                id,
                Str(u, "team_id"),
                Str(u, "name"),
                Str(u, "real_name") ?? (u["profile"] is JsonObject p ? Str(p, "real_name") : null),
                Str(u, "tz"),
                Str(u, "tz_label"),
                u["tz_offset"] is JsonValue offset && offset.TryGetValue(out int seconds) ? seconds : null,
                Bool(u, "is_admin"),
                Bool(u, "is_owner"),
                Bool(u, "is_primary_owner"),
                Bool(u, "is_restricted"),
                Bool(u, "is_ultra_restricted"),
                Bool(u, "is_bot"),
                Bool(u, "deleted"));
        }

        return Read(call, user);
    }

    /// <summary>conversations.open for a DM with one user. Returns the D… channel id to post to.</summary>
    public async Task<SlackResult<string>> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken)
    {
        var call = await api.CallAsync(SlackMethods.ConversationsOpen.Name, new JsonObject { ["users"] = userId }, cancellationToken);
        return Read(call, call.Json?["channel"] is JsonObject c ? Str(c, "id") : null);
    }

    /// <summary>conversations.join of a public channel, so the bot can post there and hear its thread replies.</summary>
    public Task<SlackApiResult> JoinChannelAsync(string channel, CancellationToken cancellationToken) =>
        api.CallAsync(SlackMethods.ConversationsJoin.Name, new JsonObject { ["channel"] = channel }, cancellationToken);

    /// <summary>reactions.add; <paramref name="name"/> without colons, e.g. "white_check_mark". already_reacted comes back as an error value.</summary>
    public Task<SlackApiResult> AddReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken) =>
        api.CallAsync(SlackMethods.ReactionsAdd.Name, new JsonObject { ["channel"] = channel, ["timestamp"] = ts, ["name"] = name.Trim(':') }, cancellationToken);

    /// <summary>A follow-up through a slash command's or a button's response_url (ephemeral unless <paramref name="ephemeral"/> is false).</summary>
    public Task<SlackApiResult> RespondAsync(Uri responseUrl, SlackMessage message, bool ephemeral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return api.PostToResponseUrlAsync(responseUrl, message.ToResponse(ephemeral), cancellationToken);
    }

    /// <summary>A result whose value could not be read from an ok answer becomes an invalid_response failure.</summary>
    private static SlackResult<T> Read<T>(SlackApiResult call, T? value)
        where T : class =>
        !call.Ok ? new SlackResult<T>(call, null)
        : value is null ? new SlackResult<T>(call with { Failure = SlackApiFailure.InvalidResponse, Error = "invalid_response" }, null)
        : new SlackResult<T>(call, value);

    private static PostedMessage? Posted(JsonObject? json, string channel) =>
        Str(json, "ts") is { } ts ? new PostedMessage(Str(json, "channel") ?? channel, ts) : null;

    private static string? Str(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;

    private static bool Bool(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue(out bool b) && b;
}
