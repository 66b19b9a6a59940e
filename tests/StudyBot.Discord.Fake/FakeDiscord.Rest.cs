using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Fake;

public sealed partial class FakeDiscord
{
    private const string ApiPrefix = "/api/v10";

    private readonly AsyncLog<RecordedRequest> requests = new();
    private readonly AsyncLog<JsonObject> messages = new();
    private readonly AsyncLog<JsonObject> threads = new();
    private readonly AsyncLog<RecordedReaction> reactions = new();
    private readonly Lock restGate = new();
    private readonly List<ScriptedReply> scripted = [];
    private readonly Dictionary<string, (int Limit, TimeSpan Window)> routeLimits = [];
    private readonly Dictionary<string, BucketState> buckets = [];
    private readonly HashSet<string> forbiddenChannels = [];
    private readonly HashSet<string> unknownChannels = [];
    private readonly Dictionary<(string Channel, string Nonce), (JsonObject Message, DateTimeOffset At)> nonces = [];
    private readonly Dictionary<string, JsonArray> commands = [];
    private readonly HashSet<string> threadedMessages = [];
    private readonly Dictionary<string, FakeInteraction> interactions = [];
    private readonly Dictionary<string, string> dmChannelsByUser = [];
    private readonly Dictionary<string, string> dmUsersByChannel = [];
    private readonly HashSet<string> closedDms = [];
    private readonly HashSet<string> rolesForbiddenGuilds = [];
    private readonly HashSet<(string Guild, string User, string Role)> memberRoles = [];
    private DateTimeOffset globalWindowStart;
    private int globalWindowCount;
    private int tooManyRequestsSent;

    /// <summary>Discord's global limit (50/s in production); null turns it off. Interaction and webhook routes are exempt.</summary>
    public int? GlobalRequestsPerSecond { get; set; }

    /// <summary>The limit of every route without its own <see cref="SetRateLimit"/>: generous, so tests that do not care never meet it.</summary>
    public (int Limit, TimeSpan Window) DefaultRateLimit { get; set; } = (1000, TimeSpan.FromSeconds(1));

    /// <summary>An interaction's initial response must arrive within this much of its dispatch, else 10062.</summary>
    public TimeSpan InteractionResponseDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Follow-ups and edits work for this long after dispatch, then the token is invalid (50027).</summary>
    public TimeSpan InteractionTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a nonce sent with enforce_nonce is remembered per channel ("a few minutes" in the docs).</summary>
    public TimeSpan NonceMemory { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Refuse a bulk command overwrite whose options use autocomplete, min/max values or lengths, or channel types,
    /// with a 400 (50035) naming each such field, as a Discord-compatible server without those features might.
    /// </summary>
    public bool RefuseCommandRefinements { get; set; }

    /// <summary>How long an interaction callback takes to arrive (network latency); a client that gives up meanwhile never delivers it.</summary>
    public TimeSpan InteractionCallbackLatency { get; set; } = TimeSpan.Zero;

    /// <summary>session_start_limit.remaining as GET /gateway/bot reports it; each Identify spends one.</summary>
    public int SessionStartRemaining { get; set; } = 1000;

    /// <summary>Every HTTP request received, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => requests.Snapshot();

    /// <summary>How many 429 answers the fake has given (bucket, global and scripted).</summary>
    public int TooManyRequestsSent => Volatile.Read(ref tooManyRequestsSent);

    /// <summary>Every message the fake created: channel messages, interaction originals and follow-ups.</summary>
    public IReadOnlyList<JsonObject> Messages => messages.Snapshot();

    /// <summary>Threads started from messages.</summary>
    public IReadOnlyList<JsonObject> Threads => threads.Snapshot();

    public IReadOnlyList<RecordedReaction> Reactions => reactions.Snapshot();

    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan? timeout = null) =>
        requests.WaitForAsync(predicate, timeout ?? DefaultTimeout, "a matching HTTP request");

    public Task<JsonObject> WaitForMessageAsync(Func<JsonObject, bool> predicate, TimeSpan? timeout = null) =>
        messages.WaitForAsync(predicate, timeout ?? DefaultTimeout, "a matching message");

    /// <summary>Gives a route (a <see cref="FakeRoutes"/> name) its own limit per major parameter, e.g. 5 messages per 5 s per channel.</summary>
    public void SetRateLimit(string route, int limit, TimeSpan window)
    {
        lock (restGate)
        {
            routeLimits[route] = (limit, window);
        }
    }

    /// <summary>
    /// When each request counted against <paramref name="bucket"/> arrived ("route:major", as in
    /// <see cref="RecordedRequest.Bucket"/>, e.g. BucketOf(FakeRoutes.CreateMessage, channelId)), refused ones included.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> RequestTimesForBucket(string bucket) =>
        [.. requests.Snapshot().Where(r => r.Bucket == bucket).Select(r => r.ReceivedAt)];

    public static string BucketOf(string route, params string[] majorParameters) =>
        majorParameters.Length == 0 ? route : route + ":" + string.Join('/', majorParameters);

    /// <summary>The X-RateLimit-Bucket hash the fake sends for a route (shared by all its major parameters).</summary>
    public static string BucketHash(string route) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(route)))[..16];

    /// <summary>Messages, threads and reactions in this channel get 403 50013 Missing Permissions.</summary>
    public void ForbidChannel(string channelId)
    {
        lock (restGate)
        {
            forbiddenChannels.Add(channelId);
        }
    }

    /// <summary>The user takes no direct messages from the bot: a message into their DM channel gets 403 50007.</summary>
    public void CloseDirectMessages(string userId)
    {
        lock (restGate)
        {
            closedDms.Add(userId);
        }
    }

    /// <summary>The DM channel opened with a user, or null if none was.</summary>
    public string? DmChannelOf(string userId)
    {
        lock (restGate)
        {
            return dmChannelsByUser.GetValueOrDefault(userId);
        }
    }

    /// <summary>The bot lacks Manage Roles in this guild: adding or removing a member's role gets 403 50013.</summary>
    public void ForbidRoles(string guildId)
    {
        lock (restGate)
        {
            rolesForbiddenGuilds.Add(guildId);
        }
    }

    /// <summary>Whether the member holds the role (as the bot's PUT and DELETE left it).</summary>
    public bool HasRole(string guildId, string userId, string roleId)
    {
        lock (restGate)
        {
            return memberRoles.Contains((guildId, userId, roleId));
        }
    }

    /// <summary>Messages, threads and reactions in this channel get 404 10003 Unknown Channel.</summary>
    public void MarkChannelUnknown(string channelId)
    {
        lock (restGate)
        {
            unknownChannels.Add(channelId);
        }
    }

    /// <summary>The next request whose path (below /api/v10) starts with <paramref name="pathPrefix"/> gets a 429 as Discord sends it.</summary>
    public void Enqueue429(string pathPrefix, TimeSpan retryAfter, bool global) =>
        Enqueue(pathPrefix, route => TooManyRequests(retryAfter, global, route));

    /// <summary>The next matching request gets Cloudflare's ban page: 429, HTML "error code: 1015", no rate-limit headers.</summary>
    public void EnqueueHtml429(string pathPrefix) =>
        Enqueue(pathPrefix, _ =>
        {
            Interlocked.Increment(ref tooManyRequestsSent);
            return new Reply(429, "<!DOCTYPE html><html><head><title>Access denied</title></head><body>error code: 1015</body></html>", "text/html; charset=UTF-8");
        });

    /// <summary>The next matching request gets this status (e.g. 500, 502, 503) with Discord's generic error body.</summary>
    public void EnqueueStatus(string pathPrefix, int status) =>
        Enqueue(pathPrefix, _ => Error(status, $"{status}: {ReasonPhrases.GetReasonPhrase(status)}", 0));

    /// <summary>The commands last written by a bulk overwrite, globally (guildId null) or for one guild; null if never written.</summary>
    public JsonArray? Commands(string? guildId = null)
    {
        lock (restGate)
        {
            return commands.TryGetValue(guildId ?? "", out var list) ? (JsonArray)list.DeepClone() : null;
        }
    }

    /// <summary>An interaction this fake dispatched, by id; null if unknown.</summary>
    public FakeInteraction? Interaction(string id)
    {
        lock (restGate)
        {
            return interactions.GetValueOrDefault(id);
        }
    }

    private void Enqueue(string pathPrefix, Func<RouteTemplate?, Reply> reply)
    {
        lock (restGate)
        {
            scripted.Add(new ScriptedReply(pathPrefix, reply));
        }
    }

    private void RegisterInteraction(JsonObject payload, DateTimeOffset dispatchedAt)
    {
        var id = payload["id"]?.GetValue<string>();
        var token = payload["token"]?.GetValue<string>();
        if (id is null || token is null)
        {
            return;
        }

        var channelId = payload["channel_id"]?.GetValue<string>() ?? payload["channel"]?["id"]?.GetValue<string>();
        lock (restGate)
        {
            interactions[id] = new FakeInteraction(id, token, channelId, dispatchedAt, payload);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawPath = context.Request.Path.Value ?? "/";
        if (rawPath is "/gateway" or "/resume")
        {
            await HandleGatewayAsync(context, rawPath);
            return;
        }

        if (await TryServeAttachmentAsync(context, rawPath))
        {
            return;
        }

        if (InteractionCallbackLatency > TimeSpan.Zero && rawPath.StartsWith(ApiPrefix + "/interactions/", StringComparison.Ordinal))
        {
            await Task.Delay(InteractionCallbackLatency, time, context.RequestAborted);
        }

        var receivedAt = Now;
        string body;
        var upload = context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true
            ? await ReadMultipartAsync(context.Request, context.RequestAborted)
            : null;
        if (upload is not null)
        {
            body = upload.PayloadJson ?? "";
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var json = TryParse(body);
        var inApi = rawPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal);
        var path = inApi ? rawPath[ApiPrefix.Length..] : rawPath;
        var method = context.Request.Method;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathMatches = inApi ? FakeRoutes.All.Where(r => r.Fits(segments)).ToList() : [];
        var route = pathMatches.FirstOrDefault(r => r.Method == method);
        var bucket = route is null ? null : BucketOf(route.Name, [.. route.Major.Select(i => segments[i])]);

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(method, path, context.Request.QueryString.Value ?? "", headers, body, json, receivedAt, bucket)
        {
            IsMultipart = upload is not null,
            Files = upload?.Files ?? [],
            MultipartProblem = upload?.Problem,
        };

        if (json is not null && method is "POST" or "PUT" or "PATCH")
        {
            RecordViolations(method, path, json);
        }

        Reply reply;
        lock (restGate)
        {
            reply = Decide(request, inApi, pathMatches.Count > 0, route, segments, receivedAt);
        }

        request.ResponseStatus = reply.Status;
        requests.Add(request);

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = reply.ContentType;
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private Reply Decide(RecordedRequest request, bool inApi, bool knownPath, RouteTemplate? route, string[] segments, DateTimeOffset now)
    {
        if (!inApi)
        {
            return NotFound();
        }

        var authorization = request.Header("Authorization");
        var exempt = route?.Exempt ?? false;
        if ((authorization is not null || !exempt) && authorization != "Bot " + Token)
        {
            return Error(401, "401: Unauthorized", 0);
        }

        if (route is null)
        {
            return knownPath ? Error(405, "405: Method Not Allowed", 0) : NotFound();
        }

        var script = scripted.FirstOrDefault(s => request.Path.StartsWith(s.PathPrefix, StringComparison.Ordinal));
        if (script is not null)
        {
            scripted.Remove(script);
            return script.Reply(route);
        }

        if (!route.Exempt && GlobalRequestsPerSecond is { } perSecond)
        {
            if (now >= globalWindowStart + TimeSpan.FromSeconds(1))
            {
                globalWindowStart = now;
                globalWindowCount = 0;
            }

            if (globalWindowCount >= perSecond)
            {
                return TooManyRequests(globalWindowStart + TimeSpan.FromSeconds(1) - now, global: true, route);
            }

            globalWindowCount++;
        }

        var (limit, window) = routeLimits.TryGetValue(route.Name, out var configured) ? configured : DefaultRateLimit;
        var state = buckets.TryGetValue(request.Bucket!, out var existing) ? existing : buckets[request.Bucket!] = new BucketState();
        if (now >= state.ResetAt)
        {
            state.ResetAt = now + window;
            state.Count = 0;
        }

        if (state.Count >= limit)
        {
            var limited = TooManyRequests(state.ResetAt - now, global: false, route);
            AddBucketHeaders(limited, route, limit, 0, state.ResetAt, now);
            return limited;
        }

        state.Count++;

        var reply = request.IsMultipart && UploadProblem(request, route) is { } uploadProblem
            ? Json(400, new JsonObject { ["code"] = 50035, ["message"] = "Invalid Form Body", ["errors"] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = "BASE_TYPE_INVALID", ["message"] = uploadProblem }) } })
            : request.Body.Length > 0 && request.Json is null
            ? Error(400, "The request body contains invalid JSON.", 50109)
            : request.Body.Length > 0 && !request.IsMultipart && request.Header("Content-Type")?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true
                ? Error(400, "Invalid Form Body", 50035)
                : Route(request, route, segments, now);
        AddBucketHeaders(reply, route, limit, limit - state.Count, state.ResetAt, now);
        return reply;
    }

    private Reply Route(RecordedRequest request, RouteTemplate route, string[] s, DateTimeOffset now) => route.Name switch
    {
        FakeRoutes.GetGatewayBot => Json(200, new JsonObject
        {
            ["url"] = GatewayUrl,
            ["shards"] = 1,
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = 1000,
                ["remaining"] = SessionStartRemaining,
                ["reset_after"] = 14_400_000,
                ["max_concurrency"] = 1,
            },
        }),
        FakeRoutes.BulkOverwriteGlobalCommands => OverwriteCommands(request, s[1], guildId: null),
        FakeRoutes.BulkOverwriteGuildCommands => OverwriteCommands(request, s[1], guildId: s[3]),
        FakeRoutes.InteractionCallback => InteractionCallback(request, s[1], s[2], now),
        FakeRoutes.ExecuteWebhook => ExecuteWebhook(request, s[1], s[2], now),
        FakeRoutes.EditWebhookMessage => EditWebhookMessage(request, s[1], s[2], s[4], now),
        FakeRoutes.CreateMessage => ChannelProblem(s[1]) ?? DmProblem(s[1]) ?? CreateMessage(request, s[1], now),
        FakeRoutes.CreateDm => CreateDm(request),
        FakeRoutes.AddMemberRole => RoleProblem(s[1]) ?? ChangeRole(s[1], s[3], s[5], add: true),
        FakeRoutes.RemoveMemberRole => RoleProblem(s[1]) ?? ChangeRole(s[1], s[3], s[5], add: false),
        FakeRoutes.StartThreadFromMessage => ChannelProblem(s[1]) ?? StartThread(request, s[1], s[3], now),
        FakeRoutes.AddOwnReaction => ChannelProblem(s[1]) ?? AddReaction(s[1], s[3], s[5], now),
        _ => NotFound(),
    };

    private Reply OverwriteCommands(RecordedRequest request, string applicationId, string? guildId)
    {
        if (applicationId != ApplicationId)
        {
            return Error(403, "Missing Access", 50001);
        }

        if (request.Json is not JsonArray body)
        {
            return Error(400, "Invalid Form Body", 50035);
        }

        if (RefuseCommandRefinements && RefinementErrors(body) is { Count: > 0 } errors)
        {
            return Json(400, new JsonObject { ["code"] = 50035, ["errors"] = errors, ["message"] = "Invalid Form Body" });
        }

        var previous = commands.GetValueOrDefault(guildId ?? "") ?? [];
        var stored = new JsonArray();
        foreach (var item in body)
        {
            if (item is not JsonObject command)
            {
                return Error(400, "Invalid Form Body", 50035);
            }

            var copy = (JsonObject)command.DeepClone();
            var type = copy["type"]?.GetValue<int>() ?? 1;
            var name = copy["name"]?.GetValue<string>();
            var kept = previous.OfType<JsonObject>().FirstOrDefault(c => c["name"]?.GetValue<string>() == name && c["type"]?.GetValue<int>() == type);
            copy["id"] = kept?["id"]?.GetValue<string>() ?? NewSnowflake();
            copy["application_id"] = applicationId;
            copy["version"] = NewSnowflake();
            copy["type"] = type;
            copy["description"] ??= "";
            copy["nsfw"] ??= false;
            var permissions = copy["default_member_permissions"];
            copy["default_member_permissions"] = permissions is null ? null : permissions.ToString();
            if (guildId is not null)
            {
                copy["guild_id"] = guildId;
            }

            stored.Add(copy);
        }

        commands[guildId ?? ""] = stored;
        return Json(200, stored.DeepClone());
    }

    /// <summary>Discord's nested error tree: {"3":{"options":{"0":{"min_value":{"_errors":[…]}}}}} per refused field.</summary>
    private static JsonObject RefinementErrors(JsonArray commands)
    {
        string[] refinements = ["autocomplete", "min_value", "max_value", "min_length", "max_length", "channel_types"];
        var errors = new JsonObject();
        for (var i = 0; i < commands.Count; i++)
        {
            var options = commands[i]?["options"] as JsonArray ?? [];
            for (var j = 0; j < options.Count; j++)
            {
                foreach (var field in refinements.Where(f => options[j] is JsonObject o && o.ContainsKey(f)))
                {
                    var command = errors[i.ToString(CultureInfo.InvariantCulture)] as JsonObject ?? [];
                    errors[i.ToString(CultureInfo.InvariantCulture)] = command;
                    var optionErrors = command["options"] as JsonObject ?? [];
                    command["options"] = optionErrors;
                    var option = optionErrors[j.ToString(CultureInfo.InvariantCulture)] as JsonObject ?? [];
                    optionErrors[j.ToString(CultureInfo.InvariantCulture)] = option;
                    option[field] = new JsonObject
                    {
                        ["_errors"] = new JsonArray(new JsonObject { ["code"] = "UNKNOWN_FIELD", ["message"] = "This field is not supported." }),
                    };
                }
            }
        }

        return errors;
    }

    private Reply InteractionCallback(RecordedRequest request, string id, string token, DateTimeOffset now)
    {
        if (!interactions.TryGetValue(id, out var interaction) || interaction.Token != token)
        {
            return Error(404, "Unknown interaction", 10062);
        }

        if (interaction.AcknowledgedWith is not null)
        {
            return Error(400, "Interaction has already been acknowledged.", 40060);
        }

        if (now - interaction.DispatchedAt > InteractionResponseDeadline)
        {
            return Error(404, "Unknown interaction", 10062);
        }

        if (request.Json is not JsonObject body || body["type"] is not JsonValue typeNode || !typeNode.TryGetValue<int>(out var type))
        {
            return Error(400, "Invalid Form Body", 50035);
        }

        interaction.AddCallback((JsonObject)body.DeepClone());
        interaction.Acknowledge(type, request.ReceivedAt);
        if (type is 4 or 5)
        {
            var data = body["data"] as JsonObject ?? [];
            var original = NewMessage(interaction.ChannelId ?? "0", type == 4 ? data : [], now, webhookId: ApplicationId);
            original["attachments"] = StoreUploads(request, data, interaction.ChannelId ?? "0");
            original["interaction_metadata"] = new JsonObject { ["id"] = id, ["type"] = interaction.Payload["type"]?.DeepClone() };
            if (type == 5)
            {
                original["flags"] = (data["flags"]?.GetValue<int>() ?? 0) | 128; // LOADING
            }

            interaction.Original = original;
            messages.Add(original);
        }

        if (request.Query.Contains("with_response=true", StringComparison.Ordinal))
        {
            var resource = new JsonObject { ["type"] = type };
            if (interaction.Original is not null)
            {
                resource["message"] = interaction.Original.DeepClone();
            }

            return Json(200, new JsonObject
            {
                ["interaction"] = new JsonObject { ["id"] = id, ["type"] = interaction.Payload["type"]?.DeepClone() },
                ["resource"] = resource,
            });
        }

        return new Reply(204, null);
    }

    private Reply? WebhookProblem(string webhookId, string token, DateTimeOffset now, out FakeInteraction? interaction)
    {
        interaction = interactions.Values.FirstOrDefault(i => i.Token == token);
        if (webhookId != ApplicationId || interaction is null)
        {
            return Error(404, "Unknown Webhook", 10015);
        }

        return now - interaction.DispatchedAt > InteractionTokenLifetime ? Error(401, "Invalid Webhook Token", 50027) : null;
    }

    private Reply ExecuteWebhook(RecordedRequest request, string webhookId, string token, DateTimeOffset now)
    {
        if (WebhookProblem(webhookId, token, now, out var interaction) is { } problem)
        {
            return problem;
        }

        if (request.Json is not JsonObject body || IsEmptyMessage(body))
        {
            return Error(400, "Cannot send an empty message", 50006);
        }

        var message = NewMessage(interaction!.ChannelId ?? "0", body, now, webhookId: webhookId);
        interaction.AddFollowup(message);
        messages.Add(message);
        return Json(200, message.DeepClone());
    }

    private Reply EditWebhookMessage(RecordedRequest request, string webhookId, string token, string messageId, DateTimeOffset now)
    {
        if (WebhookProblem(webhookId, token, now, out var interaction) is { } problem)
        {
            return problem;
        }

        var message = interaction!.FindMessage(messageId);
        if (message is null)
        {
            return Error(404, "Unknown Message", 10008);
        }

        if (request.Json is not JsonObject body)
        {
            return Error(400, "Invalid Form Body", 50035);
        }

        interaction.AddEdit((JsonObject)body.DeepClone());
        foreach (var field in new[] { "content", "embeds", "components", "attachments", "flags" })
        {
            if (body[field] is { } value)
            {
                message[field] = value.DeepClone();
            }
        }

        if (request.Files.Count > 0)
        {
            message["attachments"] = StoreUploads(request, body, interaction.ChannelId ?? "0");
        }

        message["edited_timestamp"] = Timestamp(now);
        if (message["flags"] is JsonValue flags)
        {
            message["flags"] = flags.GetValue<int>() & ~128;
        }

        return Json(200, message.DeepClone());
    }

    private Reply? ChannelProblem(string channelId) =>
        unknownChannels.Contains(channelId) ? Error(404, "Unknown Channel", 10003)
        : forbiddenChannels.Contains(channelId) ? Error(403, "Missing Permissions", 50013)
        : null;

    private Reply? DmProblem(string channelId) =>
        dmUsersByChannel.TryGetValue(channelId, out var user) && closedDms.Contains(user) ? Error(403, "Cannot send messages to this user", 50007) : null;

    /// <summary>Discord returns the same DM channel for a user each time (a DM channel object, type 1).</summary>
    private Reply CreateDm(RecordedRequest request)
    {
        if (request.Json?["recipient_id"] is not JsonValue r || !r.TryGetValue<string>(out var userId) || userId.Length == 0 || !userId.All(char.IsAsciiDigit))
        {
            return Error(400, "Invalid Form Body", 50035);
        }

        if (!dmChannelsByUser.TryGetValue(userId, out var channelId))
        {
            channelId = NewSnowflake();
            dmChannelsByUser[userId] = channelId;
            dmUsersByChannel[channelId] = userId;
        }

        return Json(200, new JsonObject
        {
            ["id"] = channelId,
            ["type"] = 1,
            ["last_message_id"] = null,
            ["flags"] = 0,
            ["recipients"] = new JsonArray(new JsonObject { ["id"] = userId, ["username"] = "member" + userId[^4..], ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null }),
        });
    }

    private Reply? RoleProblem(string guildId) => rolesForbiddenGuilds.Contains(guildId) ? Error(403, "Missing Permissions", 50013) : null;

    private Reply ChangeRole(string guildId, string userId, string roleId, bool add)
    {
        if (add)
        {
            memberRoles.Add((guildId, userId, roleId));
        }
        else
        {
            memberRoles.Remove((guildId, userId, roleId));
        }

        return new Reply(204, null);
    }

    private Reply CreateMessage(RecordedRequest request, string channelId, DateTimeOffset now)
    {
        if (request.Json is not JsonObject body || IsEmptyMessage(body))
        {
            return Error(400, "Cannot send an empty message", 50006);
        }

        var nonce = body["nonce"]?.ToString();
        var enforce = body["enforce_nonce"] is JsonValue e && e.TryGetValue<bool>(out var b) && b;
        if (nonce is not null && enforce
            && nonces.TryGetValue((channelId, nonce), out var seen) && now - seen.At <= NonceMemory)
        {
            return Json(200, seen.Message.DeepClone());
        }

        var message = NewMessage(channelId, body, now, webhookId: null);
        if (nonce is not null)
        {
            message["nonce"] = body["nonce"]!.DeepClone();
            if (enforce)
            {
                nonces[(channelId, nonce)] = (message, now);
            }
        }

        messages.Add(message);
        return Json(200, message.DeepClone());
    }

    private Reply StartThread(RecordedRequest request, string channelId, string messageId, DateTimeOffset now)
    {
        var name = request.Json?["name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : null;
        if (name is null || name.Length is 0 or > 100)
        {
            return Error(400, "Invalid Form Body", 50035);
        }

        if (!threadedMessages.Add(messageId))
        {
            return Error(400, "A thread has already been created for this message", 160004);
        }

        var thread = new JsonObject
        {
            ["id"] = messageId,
            ["type"] = 11,
            ["parent_id"] = channelId,
            ["owner_id"] = BotUserId,
            ["name"] = name,
            ["last_message_id"] = null,
            ["rate_limit_per_user"] = request.Json?["rate_limit_per_user"]?.DeepClone() ?? 0,
            ["message_count"] = 0,
            ["member_count"] = 1,
            ["total_message_sent"] = 0,
            ["flags"] = 0,
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["auto_archive_duration"] = request.Json?["auto_archive_duration"]?.DeepClone() ?? 4320,
                ["archive_timestamp"] = Timestamp(now),
                ["locked"] = false,
                ["create_timestamp"] = Timestamp(now),
            },
        };
        threads.Add(thread);
        return Json(201, thread.DeepClone());
    }

    private Reply AddReaction(string channelId, string messageId, string emoji, DateTimeOffset now)
    {
        reactions.Add(new RecordedReaction(channelId, messageId, Uri.UnescapeDataString(emoji), now));
        return new Reply(204, null);
    }

    private JsonObject NewMessage(string channelId, JsonObject body, DateTimeOffset now, string? webhookId)
    {
        var message = new JsonObject
        {
            ["id"] = NewSnowflake(),
            ["channel_id"] = channelId,
            ["type"] = webhookId is null ? 0 : 20,
            ["author"] = new JsonObject { ["id"] = BotUserId, ["username"] = "StudyBot", ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null, ["bot"] = true },
            ["content"] = body["content"]?.DeepClone() ?? "",
            ["embeds"] = body["embeds"]?.DeepClone() ?? new JsonArray(),
            ["components"] = body["components"]?.DeepClone() ?? new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["mention_everyone"] = false,
            ["pinned"] = false,
            ["tts"] = false,
            ["timestamp"] = Timestamp(now),
            ["edited_timestamp"] = null,
            ["flags"] = body["flags"]?.DeepClone() ?? 0,
        };
        if (webhookId is not null)
        {
            message["webhook_id"] = webhookId;
            message["application_id"] = ApplicationId;
        }

        return message;
    }

    private static bool IsEmptyMessage(JsonObject body) =>
        string.IsNullOrEmpty(body["content"]?.ToString())
        && (body["embeds"] as JsonArray)?.Count is null or 0
        && (body["components"] as JsonArray)?.Count is null or 0
        && (body["sticker_ids"] as JsonArray)?.Count is null or 0
        && body["poll"] is null
        && body["attachments"] is null;

    private Reply TooManyRequests(TimeSpan retryAfter, bool global, RouteTemplate? route)
    {
        Interlocked.Increment(ref tooManyRequestsSent);
        var seconds = Math.Max(0, retryAfter.TotalSeconds);
        var reply = Json(429, new JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = Math.Round(seconds, 3),
            ["global"] = global,
        });
        reply.Headers["Retry-After"] = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
        reply.Headers["X-RateLimit-Scope"] = global ? "global" : "user";
        if (global)
        {
            reply.Headers["X-RateLimit-Global"] = "true";
        }
        else if (route is not null)
        {
            var now = Now;
            AddBucketHeaders(reply, route, 1, 0, now + retryAfter, now);
        }

        return reply;
    }

    private static void AddBucketHeaders(Reply reply, RouteTemplate route, int limit, int remaining, DateTimeOffset resetAt, DateTimeOffset now)
    {
        if (reply.Headers.ContainsKey("X-RateLimit-Global"))
        {
            return;
        }

        reply.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        reply.Headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        reply.Headers["X-RateLimit-Reset"] = (resetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        reply.Headers["X-RateLimit-Reset-After"] = Math.Max(0, (resetAt - now).TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture);
        reply.Headers["X-RateLimit-Bucket"] = BucketHash(route.Name);
    }

    private static JsonNode? TryParse(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    private static Reply NotFound() => Error(404, "404: Not Found", 0);

    private static Reply Error(int status, string message, int code) =>
        Json(status, new JsonObject { ["message"] = message, ["code"] = code });

    private static Reply Json(int status, JsonNode body) => new(status, body.ToJsonString());

    private sealed record ScriptedReply(string PathPrefix, Func<RouteTemplate?, Reply> Reply);

    private sealed class BucketState
    {
        public DateTimeOffset ResetAt { get; set; }

        public int Count { get; set; }
    }

    private sealed record Reply(int Status, string? Body, string ContentType = "application/json")
    {
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>A PUT …/reactions/{emoji}/@me the fake accepted.</summary>
public sealed record RecordedReaction(string ChannelId, string MessageId, string Emoji, DateTimeOffset ReceivedAt);
