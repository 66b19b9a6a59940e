using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Gateway;

/// <summary>
/// Plays Discord's side of the gateway in memory. Each transport the client creates becomes a
/// <see cref="ScriptedConnection"/> the test takes in order and drives: it sends Hello, expects
/// Identify, sends READY, closes with a code…
/// </summary>
internal sealed class ScriptedGateway
{
    private readonly Channel<ScriptedConnection> _connections = Channel.CreateUnbounded<ScriptedConnection>();
    private int _connectionCount;
    private int _overlappingSends;
    private int _refuse;

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>How often the client had two sends (or a send and a close) outstanding at once. Must stay 0.</summary>
    public int OverlappingSends => Volatile.Read(ref _overlappingSends);

    /// <summary>The next this many connection attempts fail as a refused connection would.</summary>
    public void RefuseNextConnections(int count) => Volatile.Write(ref _refuse, count);

    public IGatewayTransport CreateTransport()
    {
        Interlocked.Increment(ref _connectionCount);
        var connection = new ScriptedConnection(this) { Refuse = Interlocked.Decrement(ref _refuse) >= 0 };
        _connections.Writer.TryWrite(connection);
        return connection;
    }

    public async Task<ScriptedConnection> NextConnectionAsync()
    {
        var connection = await _connections.Reader.ReadAsync().AsTask().WaitAsync(ScriptedConnection.Timeout);
        await connection.Connected.WaitAsync(ScriptedConnection.Timeout);
        return connection;
    }

    /// <summary>The client did not open another connection within <paramref name="wait"/>.</summary>
    public async Task AssertNoNewConnectionAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        Assert.False(_connections.Reader.TryPeek(out _), "the client opened a connection it should not have");
    }

    internal void RecordOverlap() => Interlocked.Increment(ref _overlappingSends);
}

internal sealed class ScriptedConnection(ScriptedGateway gateway) : IGatewayTransport
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Channel<GatewayFrame> _toClient = Channel.CreateUnbounded<GatewayFrame>();
    private readonly Channel<string> _fromClient = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<Uri> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding;
    private int _sentCount;

    public bool Refuse { get; init; }

    public Task<Uri> Connected => _connected.Task;

    public Uri Uri => _connected.Task.Result;

    public int SentCount => Volatile.Read(ref _sentCount);

    // --- the client's side ---

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        _connected.TrySetResult(uri);
        return Refuse ? Task.FromException(new WebSocketException("connection refused")) : Task.CompletedTask;
    }

    public Task SendAsync(string payload, CancellationToken cancellationToken) =>
        ExclusiveAsync(() =>
        {
            Interlocked.Increment(ref _sentCount);
            _fromClient.Writer.TryWrite(payload);
        });

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken) =>
        await _toClient.Reader.ReadAsync(cancellationToken);

    public Task CloseAsync(int code, CancellationToken cancellationToken) =>
        ExclusiveAsync(() => _closedByClient.TrySetResult(code));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task ExclusiveAsync(Action action)
    {
        if (Interlocked.Increment(ref _outstanding) != 1)
        {
            gateway.RecordOverlap();
        }

        try
        {
            // Stay "in flight" for a moment so that an overlapping send would be caught.
            await Task.Yield();
            action();
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    // --- the test's (Discord's) side ---

    public void Send(string json) => _toClient.Writer.TryWrite(GatewayFrame.Message(json));

    public void SendOp(int op, string data = "null") => Send($$"""{"op":{{op}},"d":{{data}},"s":null,"t":null}""");

    public void SendHello(int intervalMs = 600_000) => SendOp(10, $$"""{"heartbeat_interval":{{intervalMs}}}""");

    public void SendDispatch(string type, string data, long sequence) =>
        Send($$"""{"op":0,"d":{{data}},"s":{{sequence}},"t":"{{type}}"}""");

    public void SendReady(long sequence = 1, string sessionId = "session-1", string resumeUrl = "wss://resume.test") =>
        SendDispatch("READY", $$"""{"v":10,"session_id":"{{sessionId}}","resume_gateway_url":"{{resumeUrl}}","application":{"id":"4242","flags":0},"user":{"id":"1"},"guilds":[]}""", sequence);

    /// <summary>The server closes the connection with <paramref name="code"/>, or drops it when null.</summary>
    public void CloseFromServer(int? code) => _toClient.Writer.TryWrite(GatewayFrame.Closed(code));

    public async Task<JsonNode> NextSentAsync()
    {
        var text = await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> ExpectSentAsync(int op)
    {
        var payload = await NextSentAsync();
        Assert.Equal(op, (int)payload["op"]!);
        return payload;
    }

    public async Task AssertNothingSentAsync(TimeSpan wait)
    {
        await Task.Delay(wait);
        Assert.False(_fromClient.Reader.TryPeek(out var unexpected), $"unexpected send: {unexpected}");
    }

    public async Task AssertSentCountStaysAsync(int count, TimeSpan wait)
    {
        await Task.Delay(wait);
        Assert.Equal(count, SentCount);
    }

    public Task<int> ClosedByClientAsync() => _closedByClient.Task.WaitAsync(Timeout);

    /// <summary>
    /// Waits until the client has processed everything sent so far: it answers an op 1 at once,
    /// and it reads payloads in order.
    /// </summary>
    public async Task SyncAsync()
    {
        SendOp(1);
        await ExpectSentAsync(1);
    }
}
