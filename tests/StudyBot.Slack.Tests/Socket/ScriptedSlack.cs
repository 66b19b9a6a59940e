using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using StudyBot.Slack.Api;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Tests.Socket;

/// <summary>
/// Plays Slack's side of Socket Mode in memory: apps.connections.open hands out fresh URLs (or scripted failures), and
/// each transport the client creates becomes a <see cref="ScriptedSocket"/> the test takes in order and drives.
/// </summary>
internal sealed class ScriptedSlack : ISlackApi
{
    private readonly Channel<ScriptedSocket> _sockets = Channel.CreateUnbounded<ScriptedSocket>();
    private readonly ConcurrentQueue<SlackApiResult> _openResults = new();
    private readonly ConcurrentQueue<ScriptedSocket> _all = new();
    private int _tickets;
    private int _overlaps;
    private int _refuse;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>How often the client had two sends (or a send and a close) outstanding on one socket. Must stay 0.</summary>
    public int OverlappingSends => Volatile.Read(ref _overlaps);

    public IReadOnlyCollection<ScriptedSocket> AllSockets => _all;

    /// <summary>The next apps.connections.open calls answer with these, in order; afterwards with fresh URLs.</summary>
    public void AnswerOpenWith(params SlackApiResult[] results)
    {
        foreach (var result in results)
        {
            _openResults.Enqueue(result);
        }
    }

    public static SlackApiResult OpenError(string error) =>
        new("apps.connections.open", SlackApiFailure.ApiError, error, 200, new JsonObject { ["ok"] = false, ["error"] = error });

    public Task<SlackApiResult> CallAsync(string method, JsonObject? arguments, CancellationToken cancellationToken)
    {
        Calls.Enqueue(method);
        Assert.Equal("apps.connections.open", method);
        if (_openResults.TryDequeue(out var scripted))
        {
            return Task.FromResult(scripted);
        }

        var ticket = Interlocked.Increment(ref _tickets);
        var json = new JsonObject { ["ok"] = true, ["url"] = $"wss://wss-primary.slack.test/link/?ticket=t{ticket}&app_id=A1" };
        return Task.FromResult(new SlackApiResult(method, SlackApiFailure.None, null, 200, json));
    }

    public Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the socket client never posts to a response_url");

    /// <summary>The next <paramref name="count"/> connection attempts fail as a refused connection would.</summary>
    public void RefuseNextConnections(int count) => Volatile.Write(ref _refuse, count);

    public ISocketModeTransport CreateTransport()
    {
        var socket = new ScriptedSocket(this) { Refuse = Interlocked.Decrement(ref _refuse) >= 0 };
        _all.Enqueue(socket);
        _sockets.Writer.TryWrite(socket);
        return socket;
    }

    /// <summary>The next socket the client opened, once it has connected.</summary>
    public async Task<ScriptedSocket> NextSocketAsync()
    {
        var socket = await _sockets.Reader.ReadAsync().AsTask().WaitAsync(ScriptedSocket.Patience);
        await socket.Connected.WaitAsync(ScriptedSocket.Patience);
        return socket;
    }

    public bool HasUnclaimedSocket => _sockets.Reader.TryPeek(out _);

    /// <summary>Every ack the client sent, on any socket: envelope id → how many times.</summary>
    public Dictionary<string, int> AckCounts() =>
        _all.SelectMany(s => s.Sent)
            .Select(text => (string?)JsonNode.Parse(text)?["envelope_id"])
            .OfType<string>()
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

    internal void RecordOverlap() => Interlocked.Increment(ref _overlaps);
}

internal sealed class ScriptedSocket(ScriptedSlack slack) : ISocketModeTransport
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<SocketFrame> _toClient = Channel.CreateUnbounded<SocketFrame>();
    private readonly Channel<string> _fromClient = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<Uri> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _sent = new();
    private readonly Lock _lock = new();
    private readonly List<(int Target, TaskCompletionSource Done)> _idleWaiters = [];
    private int _written;
    private int _receives;
    private int _outstanding;

    /// <summary>Connecting fails as a refused connection would.</summary>
    public bool Refuse { get; set; }

    /// <summary>The server never answers the client's close frame (a dead peer).</summary>
    public bool IgnoreClose { get; set; }

    public Task<Uri> Connected => _connected.Task;

    public Uri Uri => _connected.Task.Result;

    public IReadOnlyCollection<string> Sent => _sent;

    public bool IsClosedByClient => _closedByClient.Task.IsCompleted;

    public bool IsDisposed => _disposed.Task.IsCompleted;

    // --- the client's side ---

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        _connected.TrySetResult(uri);
        return Refuse ? Task.FromException(new WebSocketException("connection refused")) : Task.CompletedTask;
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) =>
        ExclusiveAsync(() =>
        {
            _sent.Enqueue(text);
            _fromClient.Writer.TryWrite(text);
        });

    public async Task<SocketFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var received = Interlocked.Increment(ref _receives);
        lock (_lock)
        {
            foreach (var waiter in _idleWaiters.Where(w => received >= w.Target).ToList())
            {
                waiter.Done.TrySetResult();
                _idleWaiters.Remove(waiter);
            }
        }

        return await _toClient.Reader.ReadAsync(cancellationToken);
    }

    public Task CloseAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(() =>
        {
            _closedByClient.TrySetResult();
            if (!IgnoreClose)
            {
                // A live server answers the close frame with its own.
                _toClient.Writer.TryWrite(SocketFrame.Closed(1000));
            }
        });

    public ValueTask DisposeAsync()
    {
        _disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private async Task ExclusiveAsync(Action action)
    {
        if (Interlocked.Increment(ref _outstanding) != 1)
        {
            slack.RecordOverlap();
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

    // --- the test's (Slack's) side ---

    public void Send(string json)
    {
        Interlocked.Increment(ref _written);
        _toClient.Writer.TryWrite(SocketFrame.Message(json));
    }

    public void SendHello(int? approximateConnectionSeconds = null, int numConnections = 1)
    {
        var debug = approximateConnectionSeconds is { } seconds
            ? $$$""","debug_info":{"host":"applink-1","build_number":54,"approximate_connection_time":{{{seconds}}}}"""
            : "";
        Send($$$"""{"type":"hello","num_connections":{{{numConnections}}}{{{debug}}},"connection_info":{"app_id":"A1"}}""");
    }

    public void SendDisconnect(string reason) =>
        Send($$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"wss-111.slack.test"}}""");

    /// <summary>The server closes the connection with <paramref name="code"/>, or it just drops when null.</summary>
    public void Drop(int? code = null) => _toClient.Writer.TryWrite(SocketFrame.Closed(code));

    public async Task<JsonObject> NextSentAsync()
    {
        var text = await _fromClient.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        return (JsonObject)JsonNode.Parse(text)!;
    }

    /// <summary>The next frame the client sends must be the ack of <paramref name="envelopeId"/>.</summary>
    public async Task<JsonObject> ExpectAckAsync(string envelopeId)
    {
        var ack = await NextSentAsync();
        Assert.Equal(envelopeId, (string?)ack["envelope_id"]);
        return ack;
    }

    public bool HasUnreadSends => _fromClient.Reader.TryPeek(out _);

    public Task ClosedByClientAsync() => _closedByClient.Task.WaitAsync(Patience);

    public Task DisposedAsync() => _disposed.Task.WaitAsync(Patience);

    /// <summary>
    /// Waits until the client has taken and fully processed every frame sent so far and waits for the next: it reads
    /// one frame at a time and handles it before it reads again.
    /// </summary>
    public Task WaitUntilIdleAsync()
    {
        var target = Volatile.Read(ref _written) + 1;
        lock (_lock)
        {
            if (Volatile.Read(ref _receives) >= target)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add((target, done));
            return done.Task.WaitAsync(Patience);
        }
    }
}
