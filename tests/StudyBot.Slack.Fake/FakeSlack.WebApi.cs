using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Fake;

public sealed partial class FakeSlack
{
    /// <summary>Form fields that carry JSON (NSDK sends every object JSON-stringified in a form, §4.1).</summary>
    private static readonly HashSet<string> JsonFormFields = ["blocks", "view", "attachments", "metadata"];

    private readonly AsyncLog<RecordedApiCall> requests = new();
    private readonly AsyncLog<RecordedApiCall> heldCalls = new();
    private readonly AsyncLog<FakeSlackMessage> messages = new();
    private readonly AsyncLog<FakeSlackView> views = new();
    private readonly AsyncLog<RecordedReaction> reactions = new();
    private readonly Dictionary<(string Channel, string Ts), FakeSlackMessage> messageStore = [];
    private readonly HashSet<(string Channel, string Ts, string Name)> reactionStore = [];
    private readonly HashSet<string> revokedTokens = [];
    private readonly Dictionary<string, Queue<SlackFailure>> scripted = [];
    private readonly Dictionary<string, TriggerState> triggers = [];
    private readonly Dictionary<string, string> directMessageChannels = [];

    /// <summary>A trigger_id opens a modal only this long after its interaction went out (HUI, MODDOC: 3 s).</summary>
    public TimeSpan TriggerLifetime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Slack echoes the bot's own posts back as message events (hence Bolt's ignoreSelf, §8). Off by default.</summary>
    public bool EchoOwnMessages { get; set; }

    /// <summary>Every HTTP request received (Web API and response_url), in arrival order, with the answer given.</summary>
    public IReadOnlyList<RecordedApiCall> Requests => requests.Snapshot();

    /// <summary>Messages the bot made: chat.postMessage, chat.postEphemeral and response_url posts, in order.</summary>
    public IReadOnlyList<FakeSlackMessage> Messages => messages.Snapshot();

    /// <summary>Modals opened with views.open.</summary>
    public IReadOnlyList<FakeSlackView> Views => views.Snapshot();

    public IReadOnlyList<RecordedReaction> Reactions => reactions.Snapshot();

    /// <summary>Calls a scripted <see cref="SlackFailure.Delay"/> is holding, logged when the hold starts (not yet answered).</summary>
    public IReadOnlyList<RecordedApiCall> HeldCalls => heldCalls.Snapshot();

    /// <summary>Completes once a call of <paramref name="method"/> is being held by a scripted delay: advance the clock after this.</summary>
    public Task<RecordedApiCall> WaitForHeldCallAsync(string method, TimeSpan? timeout = null) =>
        heldCalls.WaitForAsync(c => c.Method == method, timeout ?? DefaultTimeout, $"a held {method} call");

    public Task<RecordedApiCall> WaitForRequestAsync(Func<RecordedApiCall, bool> predicate, TimeSpan? timeout = null) =>
        requests.WaitForAsync(predicate, timeout ?? DefaultTimeout, "a matching HTTP request");

    /// <summary>The first call (already made or still to come) of <paramref name="method"/> that matches.</summary>
    public Task<RecordedApiCall> WaitForCallAsync(string method, Func<RecordedApiCall, bool>? predicate = null, TimeSpan? timeout = null) =>
        requests.WaitForAsync(c => c.Method == method && (predicate?.Invoke(c) ?? true), timeout ?? DefaultTimeout, $"a matching {method} call");

    public Task<FakeSlackMessage> WaitForMessageAsync(Func<FakeSlackMessage, bool> predicate, TimeSpan? timeout = null) =>
        messages.WaitForAsync(predicate, timeout ?? DefaultTimeout, "a matching message");

    public Task<FakeSlackView> WaitForViewAsync(Func<FakeSlackView, bool>? predicate = null, TimeSpan? timeout = null) =>
        views.WaitForAsync(v => predicate?.Invoke(v) ?? true, timeout ?? DefaultTimeout, "a matching opened view");

    public Task<RecordedReaction> WaitForReactionAsync(Func<RecordedReaction, bool>? predicate = null, TimeSpan? timeout = null) =>
        reactions.WaitForAsync(r => predicate?.Invoke(r) ?? true, timeout ?? DefaultTimeout, "a matching reaction");

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> (a <see cref="SlackMethods"/> name, or
    /// <see cref="SlackMethods.ResponseUrl"/>) get <paramref name="failure"/> instead of their normal answer. The
    /// token is still checked first; a scripted failure skips rate limiting and validation.
    /// </summary>
    public void FailNext(string method, SlackFailure failure, int times = 1)
    {
        lock (gate)
        {
            if (!scripted.TryGetValue(method, out var queue))
            {
                queue = new Queue<SlackFailure>();
                scripted[method] = queue;
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(failure);
            }
        }
    }

    /// <summary>From now on, calls with this token get token_revoked.</summary>
    public void RevokeToken(string token)
    {
        lock (gate)
        {
            revokedTokens.Add(token);
        }
    }

    /// <summary>The DM channel id conversations.open returns for a user (the same id every time).</summary>
    public string DirectMessageChannelOf(string userId)
    {
        lock (gate)
        {
            return DirectMessageChannelLocked(userId);
        }
    }

    /// <summary>Whether a trigger_id is known, and whether it was used (views.open spends it).</summary>
    public bool? TriggerUsed(string triggerId)
    {
        lock (gate)
        {
            return triggers.TryGetValue(triggerId, out var trigger) ? trigger.Used : null;
        }
    }

    private string DirectMessageChannelLocked(string userId)
    {
        if (!directMessageChannels.TryGetValue(userId, out var id))
        {
            id = NewId("D");
            directMessageChannels[userId] = id;
            ChannelLocked(id).Name = userId;
        }

        return id;
    }

    /// <summary>Registers a trigger_id as issued now (when the envelope carrying it goes out).</summary>
    internal void IssueTrigger(string triggerId, string? userId)
    {
        lock (gate)
        {
            triggers.TryAdd(triggerId, new TriggerState(Now, userId));
        }
    }

    /// <summary>Stores a user's message from a pushed event so that threads and reactions can name it.</summary>
    internal void StoreUserMessage(JsonObject messageEvent)
    {
        var channel = messageEvent["channel"]?.GetValue<string>();
        var ts = messageEvent["ts"]?.GetValue<string>();
        if (channel is null || ts is null || messageEvent["subtype"] is not null)
        {
            return;
        }

        var message = new FakeSlackMessage(
            MessageSource.UserEvent,
            channel,
            ts,
            messageEvent["thread_ts"]?.GetValue<string>(),
            messageEvent["user"]?.GetValue<string>() ?? "",
            null,
            null,
            messageEvent["text"]?.GetValue<string>() ?? "",
            messageEvent["blocks"]?.DeepClone() as JsonArray,
            (JsonObject)messageEvent.DeepClone(),
            Now);
        lock (gate)
        {
            messageStore.TryAdd((channel, ts), message);
        }
    }

    internal FakeSlackMessage? FindMessage(string channel, string ts)
    {
        lock (gate)
        {
            return messageStore.GetValueOrDefault((channel, ts));
        }
    }

    private async Task HandleApiAsync(HttpContext context, string method)
    {
        var receivedAt = Now;
        var (call, parseError) = await ReadCallAsync(context, method, receivedAt);
        Reply? reply;
        SlackFailure? failure;
        lock (gate)
        {
            reply = Admission(call, parseError, out failure);
        }

        if (failure is SlackFailure.DelayFailure delay)
        {
            // Released by the clock, the caller hanging up, or the fake shutting down (so disposal never waits on it).
            using var release = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            var held = Task.Delay(delay.Duration, time, release.Token);
            heldCalls.Add(call);
            await held;
            lock (gate)
            {
                reply = Admission(call, parseError, out _, afterScript: true);
            }
        }

        if (reply is null)
        {
            lock (gate)
            {
                reply = Route(call, receivedAt);
            }

            if (reply.Json?["ok"]?.GetValue<bool>() == true && call.BodyFormat == "json"
                && context.Request.ContentType?.Contains("charset", StringComparison.OrdinalIgnoreCase) == false)
            {
                // §4.1: Slack warns when a JSON body names no charset (UNCONFIRMED, the code is in SPECS' enums).
                reply.Json["warning"] = "missing_charset";
                reply.Json["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray("missing_charset") };
            }
        }

        await AnswerAsync(context, call, reply);
    }

    /// <summary>
    /// Everything decided before the method itself runs: HTTP verb, method name, token, script, rate limit, body.
    /// Null: the method answers (a scripted delay also returns null, with <paramref name="failure"/> set).
    /// </summary>
    private Reply? Admission(RecordedApiCall call, string? parseError, out SlackFailure? failure, bool afterScript = false)
    {
        failure = null;
        if (call.HttpMethod != "POST")
        {
            // The method pages: insecure_request "The method was not called via a POST request".
            return Reply.Error("insecure_request");
        }

        if (!SlackMethods.All.Contains(call.Method))
        {
            var unknown = Reply.Error("unknown_method");
            unknown.Json!["req_method"] = call.Method;
            return unknown;
        }

        // WADOC: the token goes in "Authorization: Bearer"; we require it there for every method (SMDOC demands it
        // for apps.connections.open), so a token passed as a POST field alone counts as missing.
        var authorization = call.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Reply.Error("not_authed");
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (revokedTokens.Contains(token))
        {
            return Reply.Error("token_revoked");
        }

        if (token != BotToken && token != AppToken)
        {
            return Reply.Error("invalid_auth");
        }

        if ((call.Method == SlackMethods.AppsConnectionsOpen) != (token == AppToken))
        {
            // apps.connections.open takes only the app-level token, every other method here only the bot token.
            return Reply.Error("not_allowed_token_type");
        }

        if (!afterScript && scripted.TryGetValue(call.Method, out var queue) && queue.TryDequeue(out var next))
        {
            failure = next;
            switch (next)
            {
                case SlackFailure.RateLimitedFailure limited:
                    return RateLimited(call.Method, limited.RetryAfter);
                case SlackFailure.HttpStatusFailure status:
                    return new Reply(status.Status, null, $"<html><body>{status.Status} {ReasonPhrases.GetReasonPhrase(status.Status)}</body></html>");
                case SlackFailure.ErrorFailure error:
                    var reply = Reply.Error(error.Code);
                    foreach (var (key, value) in error.Extra ?? [])
                    {
                        reply.Json![key] = value?.DeepClone();
                    }

                    return reply;
                case SlackFailure.DelayFailure:
                    return null;
            }
        }

        var channel = call.Arg("channel");
        if (RateLimits.Admit(call.Method, channel, Now) is { } wait)
        {
            return RateLimited(call.Method, wait);
        }

        if (parseError is not null)
        {
            return Reply.Error(parseError);
        }

        return null;
    }

    private Reply RateLimited(string method, TimeSpan retryAfter)
    {
        RateLimits.CountRefusal(method);
        var reply = new Reply(429, new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, null);
        // RLDOC: Retry-After is a whole number of seconds.
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds - 1e-9));
        reply.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        return reply;
    }

    private Reply Route(RecordedApiCall call, DateTimeOffset now) => call.Method switch
    {
        SlackMethods.AuthTest => AuthTest(),
        SlackMethods.AppsConnectionsOpen => ConnectionsOpen(),
        SlackMethods.ChatPostMessage => PostMessage(call, now),
        SlackMethods.ChatPostEphemeral => PostEphemeral(call, now),
        SlackMethods.ChatUpdate => Update(call),
        SlackMethods.ViewsOpen => OpenView(call, now),
        SlackMethods.UsersInfo => UserInfo(call),
        SlackMethods.ConversationsOpen => OpenConversation(call),
        SlackMethods.ReactionsAdd => AddReaction(call, now),
        SlackMethods.ConversationsHistory => History(call),
        _ => Reply.Error("unknown_method"),
    };

    /// <summary>conversations.history: the channel's top-level messages since oldest, newest first; metadata with include_all_metadata.</summary>
    private Reply History(RecordedApiCall call)
    {
        var channelId = ResolveChannel(call.Arg("channel"));
        if (ChannelProblem(channelId, mustBeMember: true) is { } problem)
        {
            return problem;
        }

        var oldest = decimal.TryParse(call.Arg("oldest"), NumberStyles.Number, CultureInfo.InvariantCulture, out var o) ? o : 0m;
        var limit = int.TryParse(call.Arg("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 999) : 100;
        var withMetadata = call.Arg("include_all_metadata") is "true" or "1";
        var messages = new JsonArray();
        foreach (var message in Messages
            .Where(m => m.Channel == channelId && m.Source == MessageSource.PostMessage && !m.Deleted && m.ThreadTs is null
                && decimal.Parse(m.Ts, CultureInfo.InvariantCulture) >= oldest)
            .OrderByDescending(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture))
            .Take(limit))
        {
            var json = message.ToJson(TeamId, AppId);
            if (withMetadata && message.Body["metadata"] is JsonObject metadata)
            {
                json["metadata"] = metadata.DeepClone();
            }

            messages.Add(json);
        }

        var body = Ok();
        body["messages"] = messages;
        body["has_more"] = false;
        return new Reply(200, body, null);
    }

    private Reply AuthTest()
    {
        var body = Ok();
        body["url"] = $"https://{TeamDomain}.slack.com/";
        body["team"] = TeamName;
        body["user"] = BotName;
        body["team_id"] = TeamId;
        body["user_id"] = BotUserId;
        body["bot_id"] = BotId;
        body["is_enterprise_install"] = false;
        if (EnterpriseId is not null)
        {
            body["enterprise_id"] = EnterpriseId;
        }

        return new Reply(200, body, null);
    }

    private Reply PostMessage(RecordedApiCall call, DateTimeOffset now)
    {
        var channelId = ResolveChannel(call.Arg("channel"));
        if (ChannelProblem(channelId, mustBeMember: true) is { } problem)
        {
            return problem;
        }

        if (MessageProblem(call) is { } invalid)
        {
            return invalid;
        }

        var threadTs = call.Arg("thread_ts");
        if (threadTs is not null)
        {
            CheckThreadParent(call.Method, channelId!, threadTs);
        }

        var message = new FakeSlackMessage(MessageSource.PostMessage, channelId!, NewTs(), threadTs, BotUserId, BotId, null, call.Arg("text") ?? "", BlocksOf(call.Args), call.Args, now);
        Store(message);
        if (EchoOwnMessages)
        {
            var echo = Payloads.BotMessageEvent(message);
            Track(() => PushAsync(echo));
        }

        var body = Ok();
        body["channel"] = channelId;
        body["ts"] = message.Ts;
        body["message"] = message.ToJson(TeamId, AppId);
        return new Reply(200, body, null);
    }

    private Reply PostEphemeral(RecordedApiCall call, DateTimeOffset now)
    {
        var channelId = ResolveChannel(call.Arg("channel"));
        if (ChannelProblem(channelId, mustBeMember: true) is { } problem)
        {
            return problem;
        }

        var userId = call.Arg("user");
        if (userId is null || !users.ContainsKey(userId))
        {
            return Reply.Error("user_not_found");
        }

        if (!ChannelLocked(channelId!).HasUser(userId))
        {
            return Reply.Error("user_not_in_channel");
        }

        if (MessageProblem(call) is { } invalid)
        {
            return invalid;
        }

        var message = new FakeSlackMessage(MessageSource.PostEphemeral, channelId!, NewTs(), call.Arg("thread_ts"), BotUserId, BotId, userId, call.Arg("text") ?? "", BlocksOf(call.Args), call.Args, now);
        botMessages[(message.Channel, message.Ts)] = message;
        messages.Add(message);
        var body = Ok();
        body["message_ts"] = message.Ts;
        return new Reply(200, body, null);
    }

    private Reply Update(RecordedApiCall call)
    {
        var channelId = call.Arg("channel");
        if (ChannelProblem(channelId, mustBeMember: false) is { } problem)
        {
            return problem;
        }

        var ts = call.Arg("ts");
        // Ephemeral messages are not stored as channel messages: they cannot be updated (§4.3), as in Slack.
        if (ts is null || !messageStore.TryGetValue((channelId!, ts), out var message))
        {
            return Reply.Error("message_not_found");
        }

        if (message.UserId != BotUserId)
        {
            return Reply.Error("cant_update_message");
        }

        if (MessageProblem(call) is { } invalid)
        {
            return invalid;
        }

        message.Edit(call.Args, call.Arg("text"), BlocksOf(call.Args));
        var body = Ok();
        body["channel"] = channelId;
        body["ts"] = ts;
        body["text"] = message.Text;
        body["message"] = message.ToJson(TeamId, AppId);
        return new Reply(200, body, null);
    }

    private Reply OpenView(RecordedApiCall call, DateTimeOffset now)
    {
        var triggerId = call.Arg("trigger_id");
        if (triggerId is null || !triggers.TryGetValue(triggerId, out var trigger))
        {
            return Reply.Error("invalid_trigger_id");
        }

        // HUI / MODDOC: a trigger works once, within 3 s of the interaction.
        if (trigger.Used)
        {
            return Reply.Error("exchanged_trigger_id");
        }

        if (now - trigger.IssuedAt > TriggerLifetime)
        {
            return Reply.Error("expired_trigger_id");
        }

        if (call.Args["view"] is not JsonObject view)
        {
            Record(call.Method, "/view", "is required and must be a JSON object", ViolationKind.Rejected);
            return InvalidArguments(["[ERROR] missing required field: view [json-pointer:/view]"]);
        }

        // views.open's page: view_too_large above 250 kB.
        if (Encoding.UTF8.GetByteCount(view.ToJsonString()) > 250_000)
        {
            return Reply.Error("view_too_large");
        }

        var found = BlockKitValidator.ValidateView(call.Method, view);
        Record(found);
        var rejected = found.Where(v => v.Kind == ViolationKind.Rejected).ToList();
        if (rejected.Count > 0)
        {
            // Slack reports view problems as invalid_arguments with json-pointer messages (slack-block-kit#3).
            return InvalidArguments([.. rejected.Select(v => v.ToSlackMessage())]);
        }

        trigger.Used = true;
        var opened = new FakeSlackView(NewId("V"), triggerId, trigger.UserId, (JsonObject)view.DeepClone(), string.Create(CultureInfo.InvariantCulture, $"{now.ToUnixTimeSeconds()}.{NewId("h")}"), now);
        views.Add(opened);
        var body = Ok();
        body["view"] = ViewJson(opened);
        return new Reply(200, body, null);
    }

    /// <summary>The view object as views.open returns it and view_submission payloads carry it.</summary>
    internal JsonObject ViewJson(FakeSlackView opened)
    {
        var view = opened.View;
        return new JsonObject
        {
            ["id"] = opened.Id,
            ["team_id"] = TeamId,
            ["type"] = "modal",
            ["blocks"] = view["blocks"]?.DeepClone() ?? new JsonArray(),
            ["private_metadata"] = view["private_metadata"]?.DeepClone() ?? "",
            ["callback_id"] = view["callback_id"]?.DeepClone() ?? "",
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["hash"] = opened.Hash,
            ["title"] = view["title"]?.DeepClone(),
            ["clear_on_close"] = view["clear_on_close"]?.DeepClone() ?? false,
            ["notify_on_close"] = view["notify_on_close"]?.DeepClone() ?? false,
            ["close"] = view["close"]?.DeepClone(),
            ["submit"] = view["submit"]?.DeepClone(),
            ["previous_view_id"] = null,
            ["root_view_id"] = opened.Id,
            ["app_id"] = AppId,
            ["external_id"] = view["external_id"]?.DeepClone() ?? "",
            ["app_installed_team_id"] = TeamId,
            ["bot_id"] = BotId,
        };
    }

    private Reply UserInfo(RecordedApiCall call)
    {
        var userId = call.Arg("user");
        if (userId is null || !users.TryGetValue(userId, out var user))
        {
            return Reply.Error("user_not_found");
        }

        var body = Ok();
        body["user"] = user.ToJson(TeamId, call.Arg("include_locale") is "true" or "1");
        return new Reply(200, body, null);
    }

    private Reply OpenConversation(RecordedApiCall call)
    {
        var ids = (call.Arg("users") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            // conversations.open's page: users or channel is required.
            return call.Arg("channel") is { } existing && channels.ContainsKey(existing)
                ? new Reply(200, OpenedChannel(existing, null), null)
                : Reply.Error(call.Arg("channel") is null ? "users_list_not_supplied" : "channel_not_found");
        }

        if (ids.FirstOrDefault(id => !users.ContainsKey(id)) is not null)
        {
            return Reply.Error("user_not_found");
        }

        if (ids.Length == 1)
        {
            // conversations.open's page: a bot user cannot be messaged, nor a deactivated one.
            var user = users[ids[0]];
            if (user.IsBot)
            {
                return Reply.Error("cannot_dm_bot");
            }

            if (user.Deleted)
            {
                return Reply.Error("user_disabled");
            }

            return new Reply(200, OpenedChannel(DirectMessageChannelLocked(ids[0]), ids[0]), null);
        }

        var key = string.Join(',', ids.Order(StringComparer.Ordinal));
        return new Reply(200, OpenedChannel(DirectMessageChannelLocked(key).Replace('D', 'G'), null), null);
    }

    private static JsonObject OpenedChannel(string id, string? userId)
    {
        var body = Ok();
        body["channel"] = new JsonObject { ["id"] = id };
        if (userId is not null)
        {
            body["no_op"] = false;
            body["already_open"] = false;
        }

        return body;
    }

    private Reply AddReaction(RecordedApiCall call, DateTimeOffset now)
    {
        var channelId = call.Arg("channel");
        if (ChannelProblem(channelId, mustBeMember: true) is { } problem)
        {
            return problem;
        }

        var name = call.Arg("name") ?? "";
        // reactions.add's page: the name goes without colons.
        if (name.Length == 0 || name.Contains(':', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            return Reply.Error("invalid_name");
        }

        var ts = call.Arg("timestamp");
        if (ts is null || !messageStore.ContainsKey((channelId!, ts)))
        {
            return Reply.Error("message_not_found");
        }

        if (!reactionStore.Add((channelId!, ts, name)))
        {
            return Reply.Error("already_reacted");
        }

        reactions.Add(new RecordedReaction(channelId!, ts, name, now));
        return new Reply(200, Ok(), null);
    }

    /// <summary>A user id as chat.postMessage's channel means the DM with that user (PMDOC).</summary>
    private string? ResolveChannel(string? channel) =>
        channel is not null && (channel.StartsWith('U') || channel.StartsWith('W')) && users.ContainsKey(channel)
            ? DirectMessageChannelLocked(channel)
            : channel;

    private Reply? ChannelProblem(string? channelId, bool mustBeMember)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            return Reply.Error("channel_not_found");
        }

        var channel = ChannelLocked(channelId);
        return !channel.Exists ? Reply.Error("channel_not_found")
            : channel.IsArchived ? Reply.Error("is_archived")
            : mustBeMember && !channel.BotIsMember ? Reply.Error("not_in_channel")
            : null;
    }

    /// <summary>no_text, invalid_blocks_format or invalid_blocks for a message body; records what the validator found.</summary>
    private Reply? MessageProblem(RecordedApiCall call)
    {
        var hasBlocks = call.Args["blocks"] is JsonArray { Count: > 0 };
        if (string.IsNullOrEmpty(call.Arg("text")) && !hasBlocks && call.Args["attachments"] is null)
        {
            return Reply.Error("no_text");
        }

        if (call.Args["blocks"] is JsonValue value && value.GetValueKind() != JsonValueKind.Null)
        {
            // A blocks field that is not a JSON array (or a form field that did not parse as one).
            Record(call.Method, "/blocks", "must be a JSON array", ViolationKind.Rejected);
            return Reply.Error("invalid_blocks_format");
        }

        return Validated(call.Method, call.Args);
    }

    /// <summary>Runs the Block Kit validator over a message body; invalid_blocks (with Slack's messages) when it rejects.</summary>
    private Reply? Validated(string source, JsonObject message)
    {
        var found = BlockKitValidator.ValidateMessage(source, message);
        Record(found);
        var rejected = found.Where(v => v.Kind == ViolationKind.Rejected).ToList();
        if (rejected.Count == 0)
        {
            return null;
        }

        var reply = Reply.Error("invalid_blocks");
        reply.Json!["response_metadata"] = new JsonObject
        {
            ["messages"] = new JsonArray([.. rejected.Select(v => (JsonNode)v.ToSlackMessage())]),
        };
        return reply;
    }

    private void CheckThreadParent(string source, string channelId, string threadTs)
    {
        if (!messageStore.TryGetValue((channelId, threadTs), out var parent))
        {
            Record(source, "/thread_ts", $"names no message in {channelId}: the reply would start no visible thread", ViolationKind.Advice);
        }
        else if (parent.ThreadTs is not null && parent.ThreadTs != parent.Ts)
        {
            // PMDOC: thread_ts must be the parent's ts, never a reply's.
            Record(source, "/thread_ts", $"is a reply's ts; use the parent's ({parent.ThreadTs})", ViolationKind.Advice);
        }
    }

    private void Store(FakeSlackMessage message)
    {
        messageStore[(message.Channel, message.Ts)] = message;
        botMessages[(message.Channel, message.Ts)] = message;
        messages.Add(message);
    }

    private static JsonArray? BlocksOf(JsonObject args) => args["blocks"]?.DeepClone() as JsonArray;

    private static Reply InvalidArguments(IEnumerable<string> lines)
    {
        var reply = Reply.Error("invalid_arguments");
        reply.Json!["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. lines.Select(l => (JsonNode)l)]) };
        return reply;
    }

    /// <summary>Reads the body as Slack would: JSON when the Content-Type says so, else form fields.</summary>
    private async Task<(RecordedApiCall Call, string? ParseError)> ReadCallAsync(HttpContext context, string method, DateTimeOffset receivedAt)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var isJson = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        string? parseError = null;
        JsonObject args = [];
        string format;
        if (body.Length == 0)
        {
            format = "none";
        }
        else if (isJson)
        {
            format = "json";
            try
            {
                var node = JsonNode.Parse(body);
                if (node is JsonObject parsed)
                {
                    args = parsed;
                }
                else
                {
                    parseError = "json_not_object";
                }
            }
            catch (JsonException)
            {
                parseError = "invalid_json";
            }
        }
        else
        {
            format = "form";
            foreach (var (key, value) in new FormReader(body).ReadForm())
            {
                args[key] = JsonFormFields.Contains(key) ? ParseJsonField(value.ToString()) : value.ToString();
            }
        }

        if (format == "json" && SlackMethods.IsFormOnly(method))
        {
            // §4.1 (SPECS consumes): this method reads form fields only; a JSON body reaches it as no arguments.
            Record(method, "", "sent as JSON, but this method reads form fields only", ViolationKind.Advice);
            args = [];
        }

        var call = new RecordedApiCall(method, context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body, format, args, receivedAt);
        return (call, parseError);
    }

    /// <summary>A JSON form field parsed, or kept as the raw string when it is not JSON (so validation can refuse it).</summary>
    private static JsonNode? ParseJsonField(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return value;
        }
    }

    private async Task AnswerAsync(HttpContext context, RecordedApiCall call, Reply reply)
    {
        call.ResponseStatus = reply.Status;
        call.Response = (JsonObject?)reply.Json?.DeepClone();
        requests.Add(call);

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Json is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(reply.Json.ToJsonString(), context.RequestAborted);
        }
        else if (reply.RawBody is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(reply.RawBody, context.RequestAborted);
        }
    }

    private sealed class TriggerState(DateTimeOffset issuedAt, string? userId)
    {
        public DateTimeOffset IssuedAt { get; } = issuedAt;

        public string? UserId { get; } = userId;

        public bool Used { get; set; }
    }

    private sealed record Reply(int Status, JsonObject? Json, string? RawBody)
    {
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Slack's usual failure: HTTP 200 with ok:false (WADOC).</summary>
        public static Reply Error(string error) => new(200, new JsonObject { ["ok"] = false, ["error"] = error }, null);
    }
}
