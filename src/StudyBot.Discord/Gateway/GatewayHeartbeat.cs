using StudyBot.Core.Time;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// Heartbeats for one connection, started by its Hello. A new instance per Hello means the
/// "ACK received" flag can never go stale across reconnects (a known cause of reconnect loops).
/// </summary>
internal sealed class GatewayHeartbeat(TimeSpan interval, TimeProvider timeProvider)
{
    // Starts as "acknowledged": there is no earlier heartbeat for the first one to wait on.
    private int _acknowledged = 1;

    public TimeSpan Interval => interval;

    public void Acknowledge() => Volatile.Write(ref _acknowledged, 1);

    /// <summary>
    /// Sends the first heartbeat after <c>interval × jitter</c>, then one per interval. Returns when the
    /// previous heartbeat was never ACKed: the connection is a zombie.
    /// </summary>
    public async Task RunAsync(double jitter, Action sendHeartbeat, CancellationToken cancellationToken)
    {
        // Jitter spreads the first heartbeats of many clients that connected together.
        await DelayAsync(interval * jitter, cancellationToken);

        // A periodic timer keeps a fixed schedule however long the send takes.
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            if (Interlocked.Exchange(ref _acknowledged, 0) == 0)
            {
                return;
            }

            sendHeartbeat();
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        TimerWait.DelayAsync(delay, timeProvider, cancellationToken);
}
