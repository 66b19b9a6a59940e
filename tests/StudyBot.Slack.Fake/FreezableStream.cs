namespace StudyBot.Slack.Tests.Fake;

/// <summary>
/// The upgraded connection's stream, with a switch that makes the link half-open: while frozen, bytes from the
/// client are held back (so its pings go unanswered and its frames unread) and bytes to it are dropped. The end of
/// the stream still passes, so a client that gives up and closes its socket is noticed.
/// </summary>
internal sealed class FreezableStream(Stream inner) : Stream
{
    private readonly Lock gate = new();
    private TaskCompletionSource thawed = CompletedSource();
    private long droppedWrites;

    public bool IsFrozen
    {
        get
        {
            lock (gate)
            {
                return !thawed.Task.IsCompleted;
            }
        }
    }

    public long DroppedWrites => Interlocked.Read(ref droppedWrites);

    public void Freeze()
    {
        lock (gate)
        {
            if (thawed.Task.IsCompleted)
            {
                thawed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Thaw()
    {
        lock (gate)
        {
            thawed.TrySetResult();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            Task wait;
            lock (gate)
            {
                wait = thawed.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (IsFrozen)
        {
            // The socket writes each frame in one call, so dropping whole writes keeps the client's framing intact.
            Interlocked.Increment(ref droppedWrites);
            return;
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        IsFrozen ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseHeldReads();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read held back by a freeze ends with ObjectDisposedException once the connection is torn down.</summary>
    private void ReleaseHeldReads()
    {
        lock (gate)
        {
            thawed.TrySetException(new ObjectDisposedException(nameof(FreezableStream)));
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
