using System.Threading.Channels;

namespace StudyBot.Slack.Socket;

/// <summary>
/// The state of one socket, new for every connection so nothing stale carries over: its single writer's queue (acks
/// never overlap on the socket), the acks it still owes, its hello, and the first signal that it must be replaced.
/// </summary>
internal sealed class SocketModeConnection(int id, ISocketModeTransport transport)
{
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<HelloMessage> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ConnectionSignal> _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private TaskCompletionSource _acksDone = Completed();
    private int _pendingAcks;
    private long _lastFrame;
    private volatile bool _accepting = true;
    private volatile bool _linkDisabled;
    private bool _gone;

    public int Id => id;

    public ISocketModeTransport Transport => transport;

    public ChannelReader<string> Outgoing => _outgoing.Reader;

    public Task<HelloMessage> Hello => _hello.Task;

    /// <summary>Completes with the first reason this connection has to go; later reasons are not recorded.</summary>
    public Task<ConnectionSignal> Signal => _signal.Task;

    /// <summary>Set on link_disabled even when another signal came first: it must stop the client whatever else happened.</summary>
    public bool LinkDisabled => _linkDisabled;

    /// <summary>The socket itself is lost (closed, dropped, a send failed), as opposed to due for replacement.</summary>
    public bool IsGone => Volatile.Read(ref _gone);

    /// <summary>False once the client started closing it: envelopes arriving now are neither handled nor acknowledged.</summary>
    public bool Accepting => _accepting;

    public CancellationTokenSource StopWriting { get; } = new();

    public CancellationTokenSource StopReading { get; } = new();

    public Task Writer { get; set; } = Task.CompletedTask;

    public Task Reader { get; set; } = Task.CompletedTask;

    public Task Watchdog { get; set; } = Task.CompletedTask;

    public long LastFrame => Interlocked.Read(ref _lastFrame);

    public void Touch(long timestamp) => Interlocked.Exchange(ref _lastFrame, timestamp);

    public bool SayHello(HelloMessage hello) => _hello.TrySetResult(hello);

    public void Raise(ConnectionSignal signal)
    {
        if (signal == ConnectionSignal.LinkDisabled)
        {
            _linkDisabled = true;
        }

        if (signal == ConnectionSignal.Dropped)
        {
            Volatile.Write(ref _gone, true);
        }

        _signal.TrySetResult(signal);
    }

    public bool TrySend(string text) => _outgoing.Writer.TryWrite(text);

    public void CompleteSending() => _outgoing.Writer.TryComplete();

    public void StopAccepting() => _accepting = false;

    /// <summary>An envelope arrived that this connection must acknowledge.</summary>
    public void AckOwed()
    {
        lock (_lock)
        {
            if (_pendingAcks++ == 0)
            {
                _acksDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void AckSent()
    {
        TaskCompletionSource? done = null;
        lock (_lock)
        {
            if (--_pendingAcks == 0)
            {
                done = _acksDone;
            }
        }

        done?.TrySetResult();
    }

    /// <summary>Completes when no ack is owed (at that moment; more envelopes may arrive later).</summary>
    public Task AcksDone()
    {
        lock (_lock)
        {
            return _acksDone.Task;
        }
    }

    public void DisposeTokens()
    {
        StopWriting.Dispose();
        StopReading.Dispose();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
