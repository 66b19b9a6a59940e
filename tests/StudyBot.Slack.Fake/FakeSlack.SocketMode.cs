using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Fake;

public sealed partial class FakeSlack
{
    /// <summary>RFC 6455 §1.3: the GUID the server appends to Sec-WebSocket-Key before hashing.</summary>
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly AsyncLog<FakeSocketConnection> connections = new();
    private readonly AsyncLog<SentEnvelope> envelopes = new();
    private readonly AsyncLog<ReceivedAck> acks = new();
    private readonly Dictionary<string, bool> tickets = [];
    private readonly Dictionary<string, (SentEnvelope Envelope, EnvelopeDelivery Delivery)> deliveries = [];
    private readonly Queue<(SentEnvelope Envelope, int RetryAttempt)> waitingForConnection = new();
    private readonly List<(int Count, TaskCompletionSource Source)> openCountWaiters = [];
    private int roundRobin;
    private int refusedConnectionAttempts;

    /// <summary>An ack later than this after its delivery is late: EVDOC, HUI and SCDOC all give 3 s (§1.4).</summary>
    public TimeSpan AckDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// When an events_api delivery misses <see cref="AckDeadline"/>, retry n (1-based) goes out this long after the
    /// miss; the list's length is the number of retries. EVDOC's HTTP schedule (immediately, after 1 min, after 5 min)
    /// by default; Socket Mode's own schedule is UNCONFIRMED (§1.8).
    /// </summary>
    public IList<TimeSpan> EventRetryDelays { get; } = [TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>
    /// Whether a retry reuses the first delivery's envelope_id. UNCONFIRMED (§1.8); a new id by default, so an app that
    /// dedupes on envelope_id instead of payload.event_id is caught.
    /// </summary>
    public bool RetriesKeepEnvelopeId { get; set; }

    /// <summary>SMDOC: up to 10 connections per app; one more gets disconnect reason too_many_websockets.</summary>
    public int MaxConnections { get; set; } = 10;

    /// <summary>hello's debug_info.approximate_connection_time in seconds (18060, about 5 h, in the SDK fixtures; 360 with debug_reconnects=true).</summary>
    public int ApproximateConnectionTimeSeconds { get; set; } = 18_060;

    /// <summary>How long after a disconnect message the fake closes that socket (SMDOC: warning comes about 10 s before).</summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>False after a link_disabled disconnect: new connections get link_disabled at once and are closed.</summary>
    public bool SocketModeEnabled { get; set; } = true;

    /// <summary>
    /// When set, the fake pings each new connection at this interval (Slack's servers ping clients, §1.6) and drops it
    /// when no pong arrives within <see cref="ServerPingTimeout"/>. Real time: the socket implementation runs these.
    /// </summary>
    public TimeSpan? ServerPingInterval { get; set; }

    public TimeSpan ServerPingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Picks the connection an envelope goes to, from the open connections that got hello (those that were sent a
    /// disconnect only when no other is open). Slack picks any one (SMDOC); round-robin when null.
    /// </summary>
    public Func<IReadOnlyList<FakeSocketConnection>, FakeSocketConnection>? ChooseConnection { get; set; }

    /// <summary>Every connection accepted, in order (refused ones included; see <see cref="FakeSocketConnection.Hello"/>).</summary>
    public IReadOnlyList<FakeSocketConnection> Connections => connections.Snapshot();

    /// <summary>Connections that got hello and have not ended.</summary>
    public IReadOnlyList<FakeSocketConnection> OpenConnections => [.. connections.Snapshot().Where(c => c.IsOpen && c.Hello is not null)];

    public int OpenConnectionCount => OpenConnections.Count;

    /// <summary>Upgrade requests refused because their ticket was unknown or already used.</summary>
    public int RefusedConnectionAttempts => Volatile.Read(ref refusedConnectionAttempts);

    /// <summary>Every envelope pushed, in order.</summary>
    public IReadOnlyList<SentEnvelope> Envelopes => envelopes.Snapshot();

    /// <summary>Every ack received on any connection, in order (duplicates and unknown envelope_ids included).</summary>
    public IReadOnlyList<ReceivedAck> Acks => acks.Snapshot();

    public Task<FakeSocketConnection> WaitForConnectionAsync(int index, TimeSpan? timeout = null) =>
        connections.WaitForIndexAsync(index, timeout ?? DefaultTimeout, $"Socket Mode connection #{index}");

    /// <summary>Connection <paramref name="index"/> once it has been sent hello.</summary>
    public async Task<FakeSocketConnection> WaitForHelloAsync(int index, TimeSpan? timeout = null)
    {
        var connection = await WaitForConnectionAsync(index, timeout);
        await connection.WaitForSentAsync(f => f["type"]?.ToString() is "hello" or "disconnect", timeout);
        return connection;
    }

    public Task<ReceivedAck> WaitForAckAsync(Func<ReceivedAck, bool> predicate, TimeSpan? timeout = null) =>
        acks.WaitForAsync(predicate, timeout ?? DefaultTimeout, "a matching ack");

    /// <summary>Completes when exactly <paramref name="count"/> connections are open (got hello, not ended).</summary>
    public async Task WaitForOpenConnectionsAsync(int count, TimeSpan? timeout = null)
    {
        var waiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            if (OpenConnectionCount == count)
            {
                return;
            }

            openCountWaiters.Add(waiter);
        }

        var limit = timeout ?? DefaultTimeout;
        try
        {
            await waiter.Item2.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                openCountWaiters.Remove(waiter);
            }

            throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.###} s waiting for {count} open connections (open: {OpenConnectionCount}).");
        }
    }

    /// <summary>
    /// Sends an envelope to one open connection (<paramref name="to"/>, else one chosen as Slack would) and starts its
    /// ack deadline. Registers its trigger_id and response_url as issued now, and stores a pushed user message. With no
    /// connection open, an events_api envelope waits for the next connection (Slack keeps events); other types throw,
    /// as Slack shows the user an error instead.
    /// </summary>
    public async Task<SentEnvelope> PushAsync(SlackEnvelope envelope, FakeSocketConnection? to = null)
    {
        var payload = (JsonObject)envelope.Payload.DeepClone();
        var sent = new SentEnvelope(envelope.Type, payload, envelope.AcceptsResponsePayload);
        if (payload["trigger_id"]?.ToString() is { } triggerId)
        {
            IssueTrigger(triggerId, payload["user_id"]?.ToString() ?? payload["user"]?["id"]?.ToString());
        }

        if (payload["response_url"]?.ToString() is { } responseUrl)
        {
            ActivateResponseUrl(responseUrl);
        }

        if (envelope.Type == EnvelopeTypes.EventsApi && payload["event"] is JsonObject { } inner && inner["type"]?.ToString() == "message")
        {
            StoreUserMessage(inner);
        }

        envelopes.Add(sent);
        await DeliverAsync(sent, to, retryAttempt: 0);
        return sent;
    }

    /// <summary>
    /// Sends {"type":"disconnect","reason":…} (SMDOC: warning, refresh_requested, link_disabled, too_many_websockets)
    /// to <paramref name="connection"/> (default: the newest open one), then closes it with 1000 after
    /// <paramref name="closeAfter"/> (default <see cref="DisconnectGrace"/>) on the fake's clock. The connection gets
    /// no new envelopes meanwhile while another is open. link_disabled also switches Socket Mode off.
    /// </summary>
    public async Task SendDisconnectAsync(string reason, FakeSocketConnection? connection = null, TimeSpan? closeAfter = null)
    {
        connection ??= NewestOpenConnection();
        connection.DisconnectReason = reason;
        if (reason == DisconnectReasons.LinkDisabled)
        {
            SocketModeEnabled = false;
        }

        // The close is scheduled before the send (so a test advancing its clock on receipt cannot outrun it), but
        // never overtakes the disconnect message itself.
        var disconnectSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        After(closeAfter ?? DisconnectGrace, async () =>
        {
            await disconnectSent.Task;
            await connection.CloseFromServerAsync(1000, "", stopping.Token);
        });
        try
        {
            await connection.SendAsync(Disconnect(reason), stopping.Token);
        }
        finally
        {
            disconnectSent.TrySetResult();
        }
    }

    /// <summary>Closes a connection at once with a close frame (default: the newest open one).</summary>
    public Task CloseConnectionAsync(FakeSocketConnection? connection = null, int code = 1000) =>
        (connection ?? NewestOpenConnection()).CloseFromServerAsync(code, "", stopping.Token);

    /// <summary>Drops a connection with no close frame and a TCP reset, like a lost network (default: the newest open one).</summary>
    public void DropConnection(FakeSocketConnection? connection = null)
    {
        connection ??= NewestOpenConnection();
        lock (gate)
        {
            // Once its handler has finished, the connection's HttpContext may be reused: leave it alone.
            if (connection.End == ConnectionEnd.None)
            {
                connection.Drop(Now);
            }
        }
    }

    /// <summary>Sends any frame as-is (malformed envelopes, unknown types …) on a connection (default: the newest open one).</summary>
    public Task SendRawAsync(JsonObject frame, FakeSocketConnection? connection = null) =>
        (connection ?? NewestOpenConnection()).SendAsync(frame, stopping.Token);

    private FakeSocketConnection NewestOpenConnection()
    {
        var open = OpenConnections;
        return open.Count > 0 ? open[^1] : throw new InvalidOperationException("No open Socket Mode connection.");
    }

    private static JsonObject Disconnect(string reason) => new()
    {
        ["type"] = "disconnect",
        ["reason"] = reason,
        ["debug_info"] = new JsonObject { ["host"] = "wss-fake-111" },
    };

    /// <summary>apps.connections.open: a fresh single-use ticket in a ws:// URL shaped like Slack's wss:// one.</summary>
    private Reply ConnectionsOpen()
    {
        var ticket = Guid.NewGuid().ToString("N");
        tickets[ticket] = false;
        var body = Ok();
        body["url"] = $"ws{BaseUrl["http".Length..]}/link/?ticket={ticket}&app_id={AppId}";
        return new Reply(200, body, null);
    }

    private async Task DeliverAsync(SentEnvelope sent, FakeSocketConnection? to, int retryAttempt)
    {
        FakeSocketConnection connection;
        EnvelopeDelivery delivery;
        lock (gate)
        {
            var chosen = to ?? Choose();
            if (chosen is null)
            {
                if (sent.Type != EnvelopeTypes.EventsApi)
                {
                    throw new InvalidOperationException($"No open Socket Mode connection to deliver a {sent.Type} envelope to.");
                }

                sent.Queued = true;
                waitingForConnection.Enqueue((sent, retryAttempt));
                return;
            }

            connection = chosen;
            sent.Queued = false;
            var envelopeId = retryAttempt > 0 && RetriesKeepEnvelopeId ? sent.EnvelopeId : Guid.NewGuid().ToString();
            var frame = new JsonObject
            {
                ["envelope_id"] = envelopeId,
                ["payload"] = sent.Payload.DeepClone(),
                ["type"] = sent.Type,
                ["accepts_response_payload"] = sent.AcceptsResponsePayload,
            };
            if (sent.Type == EnvelopeTypes.EventsApi)
            {
                // §1.3: retry_attempt 0 then 1..3; retry_reason "" then "timeout".
                frame["retry_attempt"] = retryAttempt;
                frame["retry_reason"] = retryAttempt == 0 ? "" : "timeout";
            }

            delivery = new EnvelopeDelivery(envelopeId, retryAttempt, retryAttempt == 0 ? "" : "timeout", connection.Index, Now, frame);
            sent.AddDelivery(delivery);
            deliveries[envelopeId] = (sent, delivery);
            // The deadline starts before the frame leaves, so a test that advances the clock on receipt never outruns it.
            var answered = delivery;
            After(AckDeadline, () => DeadlinePassed(sent, answered));
        }

        await connection.SendAsync((JsonObject)delivery.Json.DeepClone(), stopping.Token);
    }

    private FakeSocketConnection? Choose()
    {
        var open = OpenConnections;
        var candidates = open.Where(c => !c.IsDraining).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. open];
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        return ChooseConnection?.Invoke(candidates) ?? candidates[roundRobin++ % candidates.Count];
    }

    private void DeadlinePassed(SentEnvelope sent, EnvelopeDelivery delivery)
    {
        lock (gate)
        {
            if (sent.Ack is not null)
            {
                return;
            }

            sent.DeadlineMissed = true;
            // Only the newest delivery schedules the next retry.
            if (sent.Type != EnvelopeTypes.EventsApi || !ReferenceEquals(sent.Deliveries[^1], delivery))
            {
                return;
            }

            var next = delivery.RetryAttempt + 1;
            if (next > EventRetryDelays.Count)
            {
                sent.GaveUp = true;
                return;
            }

            After(EventRetryDelays[next - 1], () => RetryAsync(sent, next));
        }
    }

    /// <summary>
    /// Delivers an events_api envelope again now, as Slack's retry after an ack it counted as missing or late: the same
    /// payload (and event_id) under a new envelope_id, with the next retry_attempt and retry_reason "timeout".
    /// </summary>
    public Task RedeliverAsync(SentEnvelope sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (sent.Type != EnvelopeTypes.EventsApi)
        {
            throw new ArgumentException("Slack retries only events_api envelopes.", nameof(sent));
        }

        return DeliverAsync(sent, null, sent.Deliveries.Count);
    }

    private Task RetryAsync(SentEnvelope sent, int retryAttempt)
    {
        lock (gate)
        {
            if (sent.Ack is not null)
            {
                return Task.CompletedTask;
            }
        }

        return DeliverAsync(sent, null, retryAttempt);
    }

    private async Task HandleSocketAsync(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (upgrade is null || !upgrade.IsUpgradableRequest || key.Length == 0)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var ticket = context.Request.Query["ticket"].ToString();
        lock (gate)
        {
            // Every SDK fetches a fresh URL per connection; the fake makes each ticket single-use (reuse is UNCONFIRMED, §1.1).
            if (!tickets.TryGetValue(ticket, out var used) || used)
            {
                refusedConnectionAttempts++;
                context.Response.StatusCode = 401;
                return;
            }

            tickets[ticket] = true;
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = AcceptKey(key);
        var stream = await upgrade.UpgradeAsync();
        await using var wire = new FreezableStream(stream);
        using var socket = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = ServerPingInterval ?? TimeSpan.Zero,
            KeepAliveTimeout = ServerPingInterval is null ? Timeout.InfiniteTimeSpan : ServerPingTimeout,
        });

        FakeSocketConnection connection;
        lock (gate)
        {
            connection = new FakeSocketConnection(connections.Count, ticket, context.Request.QueryString.Value ?? "", Now, socket, wire, context);
            connections.Add(connection);
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var ct = aborted.Token;
        try
        {
            await GreetAsync(connection, ct);
            while (await connection.ReceiveAsync(ct) is { } text)
            {
                HandleFrame(connection, text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The app went away without a close handshake, the connection was dropped, or the fake is shutting down.
        }
        finally
        {
            lock (gate)
            {
                connection.MarkEnded(Now);
            }

            NotifyOpenCount();
        }
    }

    /// <summary>hello (SMDOC), or a refusal: link_disabled when Socket Mode is off, too_many_websockets past the cap.</summary>
    private async Task GreetAsync(FakeSocketConnection connection, CancellationToken ct)
    {
        string? refusal;
        JsonObject? hello = null;
        lock (gate)
        {
            var open = OpenConnectionCount;
            refusal = !SocketModeEnabled ? DisconnectReasons.LinkDisabled : open >= MaxConnections ? DisconnectReasons.TooManyWebsockets : null;
            if (refusal is null)
            {
                hello = new JsonObject
                {
                    ["type"] = "hello",
                    ["num_connections"] = open + 1,
                    ["debug_info"] = new JsonObject
                    {
                        ["host"] = $"applink-fake-{connection.Index}",
                        ["build_number"] = 1,
                        // SMDOC: debug_reconnects=true shortens a connection's life to about 360 s.
                        ["approximate_connection_time"] = connection.DebugReconnects ? 360 : ApproximateConnectionTimeSeconds,
                    },
                    ["connection_info"] = new JsonObject { ["app_id"] = AppId },
                };
                connection.Hello = hello;
            }
        }

        if (refusal is not null)
        {
            connection.DisconnectReason = refusal;
            await connection.SendAsync(Disconnect(refusal), ct);
            await connection.CloseFromServerAsync(1000, "", ct);
            return;
        }

        await connection.SendAsync(hello!, ct);
        NotifyOpenCount();
        List<(SentEnvelope Envelope, int RetryAttempt)> waiting;
        lock (gate)
        {
            waiting = [.. waitingForConnection];
            waitingForConnection.Clear();
        }

        foreach (var (envelope, attempt) in waiting)
        {
            await DeliverAsync(envelope, connection, attempt);
        }
    }

    private void NotifyOpenCount()
    {
        List<TaskCompletionSource> ready = [];
        lock (gate)
        {
            var open = OpenConnectionCount;
            for (var i = openCountWaiters.Count - 1; i >= 0; i--)
            {
                if (openCountWaiters[i].Count == open)
                {
                    ready.Add(openCountWaiters[i].Source);
                    openCountWaiters.RemoveAt(i);
                }
            }
        }

        foreach (var source in ready)
        {
            source.TrySetResult();
        }
    }

    private void HandleFrame(FakeSocketConnection connection, string text)
    {
        JsonObject? frame;
        try
        {
            frame = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            frame = null;
        }

        if (frame is null)
        {
            connection.Received.Add(new JsonObject { ["raw"] = text });
            Record("socket", "", "a frame that is not a JSON object", ViolationKind.Rejected);
            return;
        }

        connection.Received.Add(frame);
        if (frame["envelope_id"]?.ToString() is not { } envelopeId)
        {
            Record("socket", "", "a frame without envelope_id (apps only send acks in Socket Mode)", ViolationKind.Advice);
            return;
        }

        var payload = frame["payload"];
        if (payload is not null and not JsonObject)
        {
            // node-slack-sdk#1455: an ack whose payload is a bare string was silently dropped; acks carry objects.
            Record("socket", "/payload", "must be an object", ViolationKind.Rejected);
        }

        ReceivedAck ack;
        lock (gate)
        {
            var now = Now;
            if (deliveries.TryGetValue(envelopeId, out var known))
            {
                var latency = now - known.Delivery.SentAt;
                ack = new ReceivedAck(
                    envelopeId,
                    payload as JsonObject,
                    known.Envelope,
                    known.Delivery,
                    connection.Index,
                    now,
                    latency,
                    WithinDeadline: latency <= AckDeadline,
                    OnDeliveringConnection: known.Delivery.ConnectionIndex == connection.Index,
                    Duplicate: known.Envelope.Ack is not null);
                known.Envelope.TryAcknowledge(ack);
            }
            else
            {
                ack = new ReceivedAck(envelopeId, payload as JsonObject, null, null, connection.Index, now, null, false, false, false);
                Record("socket", "/envelope_id", $"ack for an unknown envelope_id {envelopeId}", ViolationKind.Advice);
            }
        }

        CheckAckPayload(ack);
        connection.Acks.Add(ack);
        acks.Add(ack);
    }

    /// <summary>§1.4: what an ack's payload may carry, and Block Kit checks on the messages and views in it.</summary>
    private void CheckAckPayload(ReceivedAck ack)
    {
        if (ack.Envelope is not { } envelope || ack.Payload is not { Count: > 0 } payload)
        {
            return;
        }

        var source = "ack " + (envelope.Payload["type"]?.ToString() ?? envelope.Type);
        if (!envelope.AcceptsResponsePayload)
        {
            Record(source, "/payload", "this envelope does not accept a response payload (accepts_response_payload false)", ViolationKind.Advice);
            return;
        }

        if (envelope.Type == EnvelopeTypes.SlashCommands)
        {
            Record(BlockKitValidator.ValidateMessage(source, payload));
        }
        else if (payload["response_action"]?.ToString() is "update" or "push")
        {
            if (payload["view"] is JsonObject view)
            {
                Record(BlockKitValidator.ValidateView(source, view));
            }
            else
            {
                Record(source, "/view", "response_action update/push needs a view", ViolationKind.Rejected);
            }
        }
        else if (payload["response_action"]?.ToString() == "errors" && payload["errors"] is JsonObject errors)
        {
            // MODDOC: errors are keyed by the block_id of an input block in the submitted view.
            var blockIds = (envelope.Payload["view"]?["blocks"] as JsonArray)?.OfType<JsonObject>()
                .Select(b => b["block_id"]?.ToString()).ToHashSet() ?? [];
            foreach (var (blockId, _) in errors)
            {
                if (!blockIds.Contains(blockId))
                {
                    Record(source, "/errors/" + blockId, "names no block_id of the submitted view", ViolationKind.Rejected);
                }
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6455 fixes SHA-1 for the handshake; nothing secret is hashed.")]
    private static string AcceptKey(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
}
