using System.Text;
using System.Threading.Channels;
using StudyBot.Core.Time;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// The only way onto the socket for one connection. A single writer loop drains one channel, so two
/// SendAsync calls never overlap (ClientWebSocket throws if they do), and it keeps Discord's limit of
/// 120 sends per 60 s per connection (going over closes with 4008). Heartbeats jump the queue and may use
/// the last few slots, so a burst of other payloads can never starve them.
/// </summary>
internal sealed class GatewaySendQueue(TimeProvider timeProvider)
{
    public const int MaxPayloadBytes = 4096;
    public const int SendsPerWindow = 120;

    /// <summary>Slots only heartbeats may use (Discord.Net keeps 3 as well).</summary>
    public const int HeartbeatReserve = 3;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Channel<Outgoing> _channel = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<long> _sentAt = new();

    /// <summary>Queues a payload; false when it is over 4096 bytes (Discord would close with 4002) or the queue is closed.</summary>
    public bool TryEnqueue(string payload, bool isHeartbeat = false) =>
        Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes
        && _channel.Writer.TryWrite(new Outgoing(payload, isHeartbeat));

    /// <summary>The writer loop: runs until cancelled or until a send fails (the exception ends the connection).</summary>
    public async Task RunAsync(IGatewayTransport transport, CancellationToken cancellationToken)
    {
        var heartbeats = new Queue<string>();
        var others = new Queue<string>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (_channel.Reader.TryRead(out var item))
            {
                (item.IsHeartbeat ? heartbeats : others).Enqueue(item.Payload);
            }

            TimeSpan? wait = null;
            if (heartbeats.Count > 0)
            {
                wait = TimeUntilSlot(SendsPerWindow);
                if (wait == TimeSpan.Zero)
                {
                    await SendAsync(transport, heartbeats.Dequeue(), cancellationToken);
                    continue;
                }
            }
            else if (others.Count > 0)
            {
                wait = TimeUntilSlot(SendsPerWindow - HeartbeatReserve);
                if (wait == TimeSpan.Zero)
                {
                    await SendAsync(transport, others.Dequeue(), cancellationToken);
                    continue;
                }
            }

            await WaitAsync(wait, cancellationToken);
        }
    }

    private async Task SendAsync(IGatewayTransport transport, string payload, CancellationToken cancellationToken)
    {
        _sentAt.Enqueue(timeProvider.GetTimestamp());
        await transport.SendAsync(payload, cancellationToken);
    }

    /// <summary>Zero when a send may go now under <paramref name="limit"/>, else how long until the oldest send leaves the window.</summary>
    private TimeSpan TimeUntilSlot(int limit)
    {
        while (_sentAt.Count > 0 && timeProvider.GetElapsedTime(_sentAt.Peek()) >= Window)
        {
            _sentAt.Dequeue();
        }

        if (_sentAt.Count < limit)
        {
            return TimeSpan.Zero;
        }

        var blocking = _sentAt.ElementAt(_sentAt.Count - limit);
        var remaining = Window - timeProvider.GetElapsedTime(blocking);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1);
    }

    /// <summary>Waits for a new payload, or also for a send slot when payloads are held back by the limit.</summary>
    private async Task WaitAsync(TimeSpan? slot, CancellationToken cancellationToken)
    {
        if (slot is null)
        {
            await _channel.Reader.WaitToReadAsync(cancellationToken);
            return;
        }

        // Cancelling the loser removes its waiter, so nothing piles up while we are rate limited.
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var newPayload = _channel.Reader.WaitToReadAsync(either.Token).AsTask();
        var slotFree = TimerWait.DelayAsync(slot.Value, timeProvider, either.Token);
        await Task.WhenAny(newPayload, slotFree);
        await either.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private readonly record struct Outgoing(string Payload, bool IsHeartbeat);
}
