namespace StudyBot.Discord.Gateway;

/// <summary>Delays and randomness of the gateway client; tests shrink them and make them predictable.</summary>
internal sealed record GatewayTimings
{
    public static GatewayTimings Default { get; } = new();

    /// <summary>A number in [0, 1): jitter for the first heartbeat, the backoff and the invalid-session wait.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After op 9 d=false, wait between these before identifying again (older docs: 1–5 s).</summary>
    public TimeSpan MinInvalidSessionDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInvalidSessionDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that sends no Hello is as dead as one that stops ACKing.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to spend telling the server goodbye before dropping the socket.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
