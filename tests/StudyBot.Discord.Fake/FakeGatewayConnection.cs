using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>One WebSocket connection to the fake gateway, with everything the client sent on it.</summary>
public sealed class FakeGatewayConnection : IDisposable
{
    private readonly WebSocket socket;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AsyncLog<JsonObject> sent = new();

    internal FakeGatewayConnection(int index, string path, string query, string? userAgent, WebSocket socket)
    {
        Index = index;
        Path = path;
        Query = query;
        UserAgent = userAgent;
        this.socket = socket;
    }

    public int Index { get; }

    /// <summary>"/gateway" or "/resume".</summary>
    public string Path { get; }

    /// <summary>The raw query string including '?', e.g. "?v=10&amp;encoding=json".</summary>
    public string Query { get; }

    public string? UserAgent { get; }

    /// <summary>Every payload the client sent, parsed, in order.</summary>
    public AsyncLog<JsonObject> Received { get; } = new();

    /// <summary>The op 1 heartbeats the client sent.</summary>
    public AsyncLog<GatewayHeartbeat> Heartbeats { get; } = new();

    /// <summary>Every payload the fake sent on this connection.</summary>
    public IReadOnlyList<JsonObject> Sent => sent.Snapshot();

    /// <summary>The d of the client's Identify on this connection, if it sent one.</summary>
    public JsonObject? Identify { get; internal set; }

    /// <summary>The d of the client's Resume on this connection, if it sent one.</summary>
    public JsonObject? Resume { get; internal set; }

    /// <summary>The close code the client closed with when it started the close; null if it did not (or has not yet).</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>The close code the fake closed with when it started the close.</summary>
    public int? ServerCloseCode { get; private set; }

    public bool IsOpen => socket.State == WebSocketState.Open;

    /// <summary>Completes when the connection has ended, however it ended.</summary>
    public Task Closed => closed.Task;

    internal FakeSession? Session { get; set; }

    public Task WaitForCloseAsync(TimeSpan? timeout = null) => closed.Task.WaitAsync(timeout ?? FakeDiscord.DefaultTimeout);

    public Task<GatewayHeartbeat> WaitForHeartbeatAsync(int index = 0, TimeSpan? timeout = null) =>
        Heartbeats.WaitForIndexAsync(index, timeout ?? FakeDiscord.DefaultTimeout, $"heartbeat #{index} on connection {Index}");

    public Task<JsonObject> WaitForSentAsync(Func<JsonObject, bool> predicate, TimeSpan? timeout = null) =>
        sent.WaitForAsync(predicate, timeout ?? FakeDiscord.DefaultTimeout, $"a matching payload sent on connection {Index}");

    internal async Task SendAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        await SendTextAsync(payload.ToJsonString(), cancellationToken);
        sent.Add(payload);
    }

    internal async Task SendTextAsync(string text, CancellationToken cancellationToken)
    {
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            sendLock.Release();
        }
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
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The client dropped the connection while the close was on its way: it is closed either way.
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>The next whole text message, or null once the client's close frame arrived (its code is recorded).</summary>
    internal async Task<string?> ReceiveAsync(int maxBytes, CancellationToken cancellationToken)
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
                    // The client started the close: record its code and complete the handshake with the same one.
                    ClientCloseCode = (int?)result.CloseStatus;
                    await CloseOutputAsync(ClientCloseCode ?? 1000, "", startedByServer: false, cancellationToken);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > maxBytes)
            {
                return "";
            }

            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    internal void MarkClosed() => closed.TrySetResult();

    internal void Abort()
    {
        socket.Abort();
        MarkClosed();
    }

    public void Dispose() => sendLock.Dispose();

    public override string ToString() => $"connection {Index} {Path}{Query}";
}

/// <param name="Sequence">The heartbeat's d: the last sequence number the client had seen, or null.</param>
public sealed record GatewayHeartbeat(long? Sequence, DateTimeOffset ReceivedAt);

/// <summary>A gateway session: the dispatches sent under it, kept so a Resume can replay them.</summary>
internal sealed class FakeSession(string id)
{
    public string Id { get; } = id;

    public List<JsonObject> Dispatches { get; } = [];

    public long Sequence { get; set; }

    public bool Resumable { get; set; } = true;

    public FakeGatewayConnection? Connection { get; set; }
}
