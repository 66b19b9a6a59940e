namespace StudyBot.Slack.Api;

/// <summary>
/// The client's own budgets, kept under Slack's published limits so that a fan-out never draws a 429, plus its
/// timeouts and retry bounds. Register a different instance before <c>AddStudyBotSlackClient</c> to change them
/// (a loopback test server can allow far more than Slack).
/// </summary>
public sealed record SlackApiLimits
{
    public static SlackApiLimits Default { get; } = new();

    /// <summary>Calls per minute per method, by tier: Slack's documented floors (1+, 20+, 50+, 100+).</summary>
    public int Tier1PerMinute { get; init; } = 1;

    public int Tier2PerMinute { get; init; } = 20;

    public int Tier3PerMinute { get; init; } = 50;

    public int Tier4PerMinute { get; init; } = 100;

    /// <summary>chat.postMessage per channel: one per second (the doc's advice for fan-outs: ≥1 s apart per channel).</summary>
    public int PostMessagePerChannel { get; init; } = 1;

    public TimeSpan PostMessageChannelWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>chat.postMessage across the workspace: "several hundred per minute", so 200.</summary>
    public int PostMessagePerMinute { get; init; } = 200;

    /// <summary>A response_url takes 5 posts within 30 minutes (docs: handling user interaction).</summary>
    public int ResponseUrlUses { get; init; } = 5;

    public TimeSpan ResponseUrlLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Each HTTP attempt gives up after this long.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>429s waited out per call before giving up with <see cref="SlackApiFailure.RateLimited"/>.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>Retries after 5xx or network errors (and timeouts where safe); the first waits <see cref="RetryBaseDelay"/>, then doubling.</summary>
    public int MaxServerRetries { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a 429 that carries no Retry-After header.</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A number in [0, 1) for retry jitter; tests make it predictable.</summary>
    internal Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    internal int PerMinute(SlackTier tier) => tier switch
    {
        SlackTier.Tier1 => Tier1PerMinute,
        SlackTier.Tier2 => Tier2PerMinute,
        SlackTier.Tier3 => Tier3PerMinute,
        SlackTier.Tier4 => Tier4PerMinute,
        _ => PostMessagePerMinute,
    };
}
