using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Fake;

public sealed partial class FakeDiscord
{
    private const int GuildMembersIntent = 1 << 1;
    private const int GuildPresencesIntent = 1 << 8;
    private const int MessageContentIntent = 1 << 15;
    private const int PrivilegedIntents = GuildMembersIntent | GuildPresencesIntent | MessageContentIntent;

    private readonly AsyncLog<FakeGatewayConnection> connections = new();
    private readonly AsyncLog<JsonObject> identifies = new();
    private readonly AsyncLog<JsonObject> resumes = new();
    private readonly Dictionary<string, FakeSession> sessions = [];
    private readonly Lock gatewayGate = new();
    private FakeSession? currentSession;

    /// <summary>Hello's heartbeat_interval in milliseconds.</summary>
    public int HeartbeatIntervalMs { get; set; } = 45_000;

    /// <summary>Answer op 1 with op 11. Turn off to make the connection a zombie.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>Whether the privileged intents (GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT) are switched on in the portal; if not, Identify asking for one is closed with 4014.</summary>
    public bool PrivilegedIntentsEnabled { get; set; } = true;

    /// <summary>The guilds READY lists (as unavailable).</summary>
    public IList<string> GuildIds { get; } = ["1380000000000000100"];

    public int ConnectionCount => connections.Count;

    public int IdentifyCount => identifies.Count;

    public int ResumeCount => resumes.Count;

    public IReadOnlyList<FakeGatewayConnection> Connections => connections.Snapshot();

    /// <summary>The d of every Identify received, in order.</summary>
    public IReadOnlyList<JsonObject> Identifies => identifies.Snapshot();

    /// <summary>The d of every Resume received, in order.</summary>
    public IReadOnlyList<JsonObject> Resumes => resumes.Snapshot();

    /// <summary>The session_id of the session dispatches currently go to, or null before the first Identify.</summary>
    public string? SessionId
    {
        get
        {
            lock (gatewayGate)
            {
                return currentSession?.Id;
            }
        }
    }

    /// <summary>The latest connection (0-based <paramref name="index"/>), once it has been accepted.</summary>
    public Task<FakeGatewayConnection> WaitForConnectionAsync(int index, TimeSpan? timeout = null) =>
        connections.WaitForIndexAsync(index, timeout ?? DefaultTimeout, $"gateway connection #{index}");

    /// <summary>The d of Identify number <paramref name="index"/> (0-based) across all connections.</summary>
    public Task<JsonObject> WaitForIdentifyAsync(int index = 0, TimeSpan? timeout = null) =>
        identifies.WaitForIndexAsync(index, timeout ?? DefaultTimeout, $"Identify #{index}");

    /// <summary>The d of Resume number <paramref name="index"/> (0-based) across all connections.</summary>
    public Task<JsonObject> WaitForResumeAsync(int index = 0, TimeSpan? timeout = null) =>
        resumes.WaitForIndexAsync(index, timeout ?? DefaultTimeout, $"Resume #{index}");

    /// <summary>
    /// Sends op 0 with the next sequence number to the current session (and keeps it for a Resume to replay).
    /// If no connection is attached to the session right now, the event waits for the Resume. An INTERACTION_CREATE
    /// starts that interaction's response deadline. Returns the sequence number used.
    /// </summary>
    public async Task<long> DispatchAsync(string eventName, JsonNode data)
    {
        JsonObject payload;
        FakeGatewayConnection? connection;
        lock (gatewayGate)
        {
            var session = currentSession ?? throw new InvalidOperationException("No gateway session: nothing has identified yet.");
            payload = Dispatch(session, eventName, data.DeepClone());
            connection = session.Connection is { IsOpen: true } open ? open : null;
        }

        if (eventName == "INTERACTION_CREATE" && data is JsonObject interaction)
        {
            RegisterInteraction((JsonObject)interaction.DeepClone(), Now);
        }

        if (connection is not null)
        {
            await connection.SendAsync(payload, stopping.Token);
        }

        return payload["s"]!.GetValue<long>();
    }

    /// <summary>Dispatches INTERACTION_CREATE (built with <see cref="Interactions"/>) and returns the interaction's record.</summary>
    public async Task<FakeInteraction> DispatchInteractionAsync(JsonObject interaction)
    {
        await DispatchAsync("INTERACTION_CREATE", interaction);
        return Interaction(interaction["id"]!.GetValue<string>())!;
    }

    /// <summary>Op 7 Reconnect on the latest open connection.</summary>
    public Task SendReconnectAsync() => SendOpAsync(7, null);

    /// <summary>Op 9 Invalid Session; with <paramref name="resumable"/> false the session can no longer be resumed.</summary>
    public Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable)
        {
            lock (gatewayGate)
            {
                currentSession?.Resumable = false;
            }
        }

        return SendOpAsync(9, resumable);
    }

    /// <summary>Op 1 from the server: the client must heartbeat at once.</summary>
    public Task RequestHeartbeatAsync() => SendOpAsync(1, null);

    /// <summary>Sends text as-is on the latest open connection (malformed payloads, unknown ops …).</summary>
    public Task SendRawAsync(string text) => LatestOpenConnection().SendTextAsync(text, stopping.Token);

    /// <summary>
    /// Closes the latest open connection with <paramref name="code"/>. After 4007/4009 (and the fatal codes)
    /// the session can no longer be resumed, as Discord's close-code table says.
    /// </summary>
    public Task CloseAsync(int code, string reason = "")
    {
        if (code is 4004 or 4007 or 4009 or >= 4010 and <= 4014)
        {
            lock (gatewayGate)
            {
                currentSession?.Resumable = false;
            }
        }

        return LatestOpenConnection().CloseFromServerAsync(code, reason, stopping.Token);
    }

    /// <summary>Drops the latest open connection with no close frame, like a lost TCP connection.</summary>
    public void AbortConnection() => LatestOpenConnection().Abort();

    private Task SendOpAsync(int op, JsonNode? d) =>
        LatestOpenConnection().SendAsync(new JsonObject { ["op"] = op, ["d"] = d, ["s"] = null, ["t"] = null }, stopping.Token);

    private FakeGatewayConnection LatestOpenConnection() =>
        connections.Snapshot().LastOrDefault(c => c.IsOpen)
        ?? throw new InvalidOperationException("No open gateway connection.");

    private static JsonObject Dispatch(FakeSession session, string eventName, JsonNode? data)
    {
        var payload = new JsonObject { ["op"] = 0, ["d"] = data, ["s"] = ++session.Sequence, ["t"] = eventName };
        session.Dispatches.Add(payload);
        return payload;
    }

    private async Task HandleGatewayAsync(HttpContext context, string path)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var query = context.Request.QueryString.Value ?? "";
        var userAgent = context.Request.Headers.UserAgent.ToString();
        FakeGatewayConnection connection;
        lock (gatewayGate)
        {
            connection = new FakeGatewayConnection(connections.Count, path, query, userAgent.Length == 0 ? null : userAgent, socket);
            connections.Add(connection);
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var ct = aborted.Token;
        try
        {
            if (context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
            {
                await connection.CloseFromServerAsync(4012, "Invalid API version", ct);
            }
            else
            {
                await connection.SendAsync(new JsonObject
                {
                    ["op"] = 10,
                    ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs },
                    ["s"] = null,
                    ["t"] = null,
                }, ct);
            }

            var window = new Queue<DateTimeOffset>();
            while (await connection.ReceiveAsync(4096, ct) is { } text)
            {
                if (connection.ServerCloseCode is not null)
                {
                    continue;
                }

                var now = Now;
                window.Enqueue(now);
                while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromSeconds(60))
                {
                    window.Dequeue();
                }

                if (window.Count > 120)
                {
                    await connection.CloseFromServerAsync(4008, "Rate limited.", ct);
                    continue;
                }

                await HandleGatewayPayloadAsync(connection, text, ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake, or the fake is shutting down.
        }
        finally
        {
            lock (gatewayGate)
            {
                // Closing with 1000 or 1001 ends the session; any other ending leaves it resumable.
                if (connection.Session is { } session && connection.ClientCloseCode is 1000 or 1001)
                {
                    session.Resumable = false;
                }
            }

            connection.MarkClosed();
        }
    }

    private async Task HandleGatewayPayloadAsync(FakeGatewayConnection connection, string text, CancellationToken ct)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload?["op"] is not JsonValue opNode || !opNode.TryGetValue<int>(out var op))
        {
            await connection.CloseFromServerAsync(4002, "Error while decoding payload.", ct);
            return;
        }

        connection.Received.Add(payload);
        var d = payload["d"];
        switch (op)
        {
            case 1:
                long? seq = d is JsonValue v && v.TryGetValue<long>(out var s) ? s : null;
                connection.Heartbeats.Add(new GatewayHeartbeat(seq, Now));
                if (AcknowledgeHeartbeats)
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 11, ["d"] = null, ["s"] = null, ["t"] = null }, ct);
                }

                break;
            case 2:
                await IdentifyAsync(connection, d as JsonObject, ct);
                break;
            case 6:
                await ResumeAsync(connection, d as JsonObject, ct);
                break;
            case 3 or 4 or 8 or 31 when connection.Session is not null:
                break;
            case 3 or 4 or 8 or 31:
                await connection.CloseFromServerAsync(4003, "Not authenticated.", ct);
                break;
            default:
                await connection.CloseFromServerAsync(4001, "Unknown opcode.", ct);
                break;
        }
    }

    private async Task IdentifyAsync(FakeGatewayConnection connection, JsonObject? d, CancellationToken ct)
    {
        if (d is not null)
        {
            connection.Identify = d;
            identifies.Add(d);
        }

        if (connection.Session is not null)
        {
            await connection.CloseFromServerAsync(4005, "Already authenticated.", ct);
            return;
        }

        if (d?["token"]?.ToString() != Token)
        {
            await connection.CloseFromServerAsync(4004, "Authentication failed.", ct);
            return;
        }

        if (d["intents"] is not JsonValue intentsNode || !intentsNode.TryGetValue<long>(out var intents) || intents < 0)
        {
            await connection.CloseFromServerAsync(4013, "Invalid intent(s).", ct);
            return;
        }

        if (!PrivilegedIntentsEnabled && (intents & PrivilegedIntents) != 0)
        {
            await connection.CloseFromServerAsync(4014, "Disallowed intent(s).", ct);
            return;
        }

        JsonObject ready;
        lock (gatewayGate)
        {
            SessionStartRemaining--;
            var session = new FakeSession(Guid.NewGuid().ToString("N")) { Connection = connection };
            sessions[session.Id] = session;
            currentSession = session;
            connection.Session = session;
            var data = new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject
                {
                    ["id"] = BotUserId,
                    ["username"] = "StudyBot",
                    ["discriminator"] = "0",
                    ["global_name"] = null,
                    ["avatar"] = null,
                    ["bot"] = true,
                    ["verified"] = true,
                    ["flags"] = 0,
                },
                ["guilds"] = new JsonArray([.. GuildIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["unavailable"] = true })]),
                ["private_channels"] = new JsonArray(),
                ["session_id"] = session.Id,
                ["session_type"] = "normal",
                ["resume_gateway_url"] = ResumeGatewayUrl,
                ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
            };
            if (d["shard"] is JsonArray shard)
            {
                data["shard"] = shard.DeepClone();
            }

            ready = Dispatch(session, "READY", data);
        }

        await connection.SendAsync(ready, ct);
    }

    private async Task ResumeAsync(FakeGatewayConnection connection, JsonObject? d, CancellationToken ct)
    {
        if (d is not null)
        {
            connection.Resume = d;
            resumes.Add(d);
        }

        if (d?["token"]?.ToString() != Token)
        {
            await connection.CloseFromServerAsync(4004, "Authentication failed.", ct);
            return;
        }

        var sessionId = d["session_id"]?.ToString();
        long? seq = d["seq"] is JsonValue v && v.TryGetValue<long>(out var s) ? s : null;
        List<JsonObject> replay = [];
        bool resumed = false, badSequence = false;
        lock (gatewayGate)
        {
            if (sessionId is not null && sessions.TryGetValue(sessionId, out var session) && session.Resumable)
            {
                if (seq is null || seq > session.Sequence)
                {
                    session.Resumable = false;
                    badSequence = true;
                }
                else
                {
                    session.Connection = connection;
                    connection.Session = session;
                    currentSession = session;
                    replay = [.. session.Dispatches.Where(p => p["s"]!.GetValue<long>() > seq)];
                    replay.Add(Dispatch(session, "RESUMED", null));
                    resumed = true;
                }
            }
        }

        if (badSequence)
        {
            await connection.CloseFromServerAsync(4007, "Invalid seq.", ct);
        }
        else if (!resumed)
        {
            await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false, ["s"] = null, ["t"] = null }, ct);
        }

        foreach (var payload in replay)
        {
            await connection.SendAsync((JsonObject)payload.DeepClone(), ct);
        }
    }
}
