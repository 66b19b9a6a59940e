using System.Threading.Channels;
using StudyBot.Slack.Socket;
using StudyBot.Slack.Tests.Support;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Socket;

/// <summary>Records every delivery; an optional hook lets a test acknowledge, stall or throw.</summary>
internal sealed class RecordingHandler : ISocketModeHandler
{
    private readonly Channel<SocketModeDelivery> _received = Channel.CreateUnbounded<SocketModeDelivery>();
    private int _count;

    public Func<SocketModeDelivery, CancellationToken, Task>? OnHandle { get; set; }

    public int Count => Volatile.Read(ref _count);

    public async Task HandleAsync(SocketModeDelivery delivery, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        _received.Writer.TryWrite(delivery);
        if (OnHandle is { } hook)
        {
            await hook(delivery, cancellationToken);
        }
    }

    public async Task<SocketModeDelivery> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(ScriptedSocket.Patience);
}

/// <summary>
/// A client wired to the scripted Slack, a recording handler and an observable fake clock. Reconnect delays are zero
/// unless a test asks for real backoff; time only moves when a test advances it. Disposing stops the client and checks
/// what every test must hold: no overlapping sends on a socket, and no envelope acknowledged twice.
/// </summary>
internal sealed class SocketHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public SocketHarness(SocketModeTimings? timings = null)
    {
        Timings = timings ?? new SocketModeTimings
        {
            InitialReconnectDelay = TimeSpan.Zero,
            MaxReconnectDelay = TimeSpan.Zero,
            Random = () => 0.5,
        };
        Client = new SocketModeClient(Slack, Slack.CreateTransport, Handler, Time, Logs, Timings);
    }

    public ObservableTimeProvider Time { get; } = new();

    public ScriptedSlack Slack { get; } = new();

    public RecordingHandler Handler { get; } = new();

    public ListLogger<SocketModeClient> Logs { get; } = new();

    public SocketModeTimings Timings { get; }

    public SocketModeClient Client { get; }

    public Task Run { get; private set; } = Task.CompletedTask;

    public SocketHarness Start()
    {
        Run = Task.Run(() => Client.RunAsync(_stop.Token));
        return this;
    }

    /// <summary>Starts the client and brings its first socket up to hello.</summary>
    public async Task<ScriptedSocket> StartConnectedAsync(int? approximateConnectionSeconds = null)
    {
        Start();
        var socket = await Slack.NextSocketAsync();
        socket.SendHello(approximateConnectionSeconds);
        await socket.WaitUntilIdleAsync();
        return socket;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(ScriptedSocket.Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(ScriptedSocket.Patience);
        }
        catch (SocketModeFatalException)
        {
            // The test that caused it has checked it.
        }

        _stop.Dispose();
        Assert.Equal(0, Slack.OverlappingSends);
        var twice = Slack.AckCounts().Where(a => a.Value > 1).Select(a => a.Key).ToList();
        Assert.True(twice.Count == 0, $"acknowledged more than once: {string.Join(", ", twice)}");
    }
}
