using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>How a Socket Mode connection ended.</summary>
public enum ConnectionEnd
{
    /// <summary>Still open.</summary>
    None,

    /// <summary>The app sent the close frame.</summary>
    ClosedByClient,

    /// <summary>The fake sent the close frame (after a disconnect's grace period, or on request).</summary>
    ClosedByServer,

    /// <summary>Torn down with no close handshake: <see cref="FakeSlack.DropConnection"/>, or the app vanished.</summary>
    Dropped,
}

/// <summary>One Socket Mode WebSocket connection, with everything sent and received on it.</summary>
public sealed class FakeSocketConnection : IDisposable
{
    private readonly WebSocket socket;
    private readonly FreezableStream wire;
    private readonly HttpContext context;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AsyncLog<JsonObject> sent = new();

    internal FakeSocketConnection(int index, string ticket, string query, DateTimeOffset openedAt, WebSocket socket, FreezableStream wire, HttpContext context)
    {
        Index = index;
        Ticket = ticket;
        Query = query;
        OpenedAt = openedAt;
        this.socket = socket;
        this.wire = wire;
        this.context = context;
    }

    /// <summary>0 for the first connection the fake accepted, and so on.</summary>
    public int Index { get; }

    /// <summary>The single-use ticket from apps.connections.open that opened it.</summary>
    public string Ticket { get; }

    /// <summary>The raw query string including '?'.</summary>
    public string Query { get; }

    /// <summary>SMDOC's testing switch: the URL carried debug_reconnects=true (connection time about 360 s).</summary>
    public bool DebugReconnects => Query.Contains("debug_reconnects=true", StringComparison.Ordinal);

    public DateTimeOffset OpenedAt { get; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The hello the fake sent, or null if the connection was refused (too_many_websockets, link_disabled).</summary>
    public JsonObject? Hello { get; internal set; }

    /// <summary>The reason of the last disconnect message the fake sent on it; such a connection gets no new envelopes while others are open.</summary>
    public string? DisconnectReason { get; internal set; }

    public bool IsDraining => DisconnectReason is not null;

    /// <summary>Every text frame the app sent, parsed (a frame that is not a JSON object is kept as {"raw": text}).</summary>
    public AsyncLog<JsonObject> Received { get; } = new();

    /// <summary>The acks that arrived on this connection.</summary>
    public AsyncLog<ReceivedAck> Acks { get; } = new();

    /// <summary>Every frame the fake sent on it, in order.</summary>
    public IReadOnlyList<JsonObject> Sent => sent.Snapshot();

    public ConnectionEnd End { get; private set; }

    public int? ClientCloseCode { get; private set; }

    public int? ServerCloseCode { get; private set; }

    public bool IsOpen => End == ConnectionEnd.None && socket.State == WebSocketState.Open;

    /// <summary>Half-open: see <see cref="Freeze"/>.</summary>
    public bool IsFrozen => wire.IsFrozen;

    /// <summary>Frames dropped because they were sent while frozen.</summary>
    public long DroppedWrites => wire.DroppedWrites;

    /// <summary>Completes when the connection has ended, however it ended.</summary>
    public Task Closed => closed.Task;

    public Task WaitForCloseAsync(TimeSpan? timeout = null) => closed.Task.WaitAsync(timeout ?? FakeSlack.DefaultTimeout);

    public Task<JsonObject> WaitForReceivedAsync(Func<JsonObject, bool> predicate, TimeSpan? timeout = null) =>
        Received.WaitForAsync(predicate, timeout ?? FakeSlack.DefaultTimeout, $"a matching frame from the app on connection {Index}");

    public Task<JsonObject> WaitForSentAsync(Func<JsonObject, bool> predicate, TimeSpan? timeout = null) =>
        sent.WaitForAsync(predicate, timeout ?? FakeSlack.DefaultTimeout, $"a matching frame sent on connection {Index}");

    /// <summary>
    /// Makes the link half-open (bolt-python#1529 and friends, §9.2): the app's frames, pings and acks are held back
    /// unread, and whatever the fake sends is lost. The app can only notice through its own ping timeout.
    /// </summary>
    public void Freeze() => wire.Freeze();

    /// <summary>Ends a freeze: held frames are read now; frames sent meanwhile stay lost.</summary>
    public void Thaw() => wire.Thaw();

    internal async Task<bool> SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State != WebSocketState.Open)
            {
                return false;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            sendLock.Release();
        }

        sent.Add(frame);
        return true;
    }

    internal Task CloseFromServerAsync(int code, string reason, CancellationToken cancellationToken) =>
        CloseOutputAsync(code, reason, startedByServer: true, cancellationToken);

    private async Task CloseOutputAsync(int code, string reason, bool startedByServer, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                if (startedByServer)
                {
                    ServerCloseCode ??= code;
                }

                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // Already gone: nothing left to close.
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>The next whole text frame, or null once the connection ended (its close code recorded).</summary>
    internal async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (ServerCloseCode is null)
                {
                    // The app started the close: record its code and complete the handshake with the same one.
                    ClientCloseCode = (int?)result.CloseStatus;
                    await CloseOutputAsync(ClientCloseCode ?? 1000, "", startedByServer: false, cancellationToken);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    internal void MarkEnded(DateTimeOffset at)
    {
        if (End == ConnectionEnd.None)
        {
            End = ClientCloseCode is not null ? ConnectionEnd.ClosedByClient
                : ServerCloseCode is not null ? ConnectionEnd.ClosedByServer
                : ConnectionEnd.Dropped;
            ClosedAt = at;
        }

        closed.TrySetResult();
    }

    /// <summary>No close frame: the WebSocket is aborted and the TCP connection reset.</summary>
    internal void Drop(DateTimeOffset at)
    {
        if (End == ConnectionEnd.None)
        {
            End = ConnectionEnd.Dropped;
            ClosedAt = at;
        }

        socket.Abort();
        context.Abort();
        closed.TrySetResult();
    }

    public void Dispose()
    {
        sendLock.Dispose();
        socket.Dispose();
    }

    public override string ToString() => $"connection {Index} ({(IsOpen ? "open" : End.ToString())})";
}
