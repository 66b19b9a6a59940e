namespace StudyBot.Slack.Socket;

/// <summary>Delays, limits and randomness of the Socket Mode client; tests shrink them and make them predictable.</summary>
public sealed record SocketModeTimings
{
    public static SocketModeTimings Default { get; } = new();

    /// <summary>Slack waits 3 s for an ack; the client sends a bare one itself at this point if the handler has not.</summary>
    public TimeSpan AckDeadline { get; init; } = TimeSpan.FromSeconds(2.5);

    /// <summary>A connection that has not said hello within this long after connecting is given up.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// No frame at all for this long means a half-open socket. When hello gives approximate_connection_time (Slack's plan
    /// for refreshing the connection), the limit is that plus <see cref="StaleMargin"/> instead, so a quiet workspace
    /// is not mistaken for a dead link.
    /// </summary>
    public TimeSpan StaleTimeout { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan StaleMargin { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>WebSocket PING interval and how long a PONG may take before the real transport aborts the socket.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a replaced connection may take to get its outstanding acks out before it is closed.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to spend telling the server goodbye before dropping the socket.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Envelopes handled at the same time; more wait for a slot (their acks do not: the deadline still holds).</summary>
    public int MaxConcurrentHandlers { get; init; } = 16;

    /// <summary>Delivery keys remembered to drop redeliveries; Slack retries an event for about 5 minutes.</summary>
    public int RecentDeliveries { get; init; } = 10_000;

    /// <summary>A number in [0, 1) for reconnect jitter.</summary>
    internal Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
