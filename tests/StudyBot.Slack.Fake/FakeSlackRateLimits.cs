namespace StudyBot.Slack.Tests.Fake;

/// <summary>
/// Slack's Web API rate limits as RLDOC describes them (docs/slack-protocol.md §5): each method has a per-minute
/// budget by tier, per workspace, independent of other methods; chat.postMessage allows about one message per second
/// per channel with short bursts, and several hundred per minute per workspace. Over a limit the fake answers
/// HTTP 429, Retry-After in whole seconds and {"ok":false,"error":"ratelimited"}.
/// Set the properties before the calls they should govern.
/// </summary>
public sealed class FakeSlackRateLimits
{
    private readonly Dictionary<string, SlackTier> tiers = [];
    private readonly Dictionary<string, int> budgets = [];
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> windows = [];
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> channelBuckets = [];
    private readonly Dictionary<string, int> refused = [];
    private readonly Lock gate = new();

    public bool Enabled { get; set; } = true;

    /// <summary>The length of a tier window: a minute (RLDOC), shorter in scaled-down tests.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>RLDOC: Tier 1 is 1+ per minute, Tier 2 20+, Tier 3 50+, Tier 4 100+.</summary>
    public int Tier1PerWindow { get; set; } = 1;

    public int Tier2PerWindow { get; set; } = 20;

    public int Tier3PerWindow { get; set; } = 50;

    public int Tier4PerWindow { get; set; } = 100;

    /// <summary>
    /// Extra calls each tier window tolerates: RLDOC's "+" ("a small amount of burst behavior is tolerated"). No number
    /// is documented; 2 lets a connect plus two reconnects through per minute and still stops a reconnect loop.
    /// </summary>
    public int TierBurst { get; set; } = 2;

    /// <summary>chat.postMessage per channel: one message per this interval on average (RLDOC, PMDOC: about 1 per second).</summary>
    public TimeSpan ChannelPostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many chat.postMessage calls a quiet channel takes back to back ("short bursts"; no number documented).</summary>
    public int ChannelPostBurst { get; set; } = 3;

    /// <summary>chat.postMessage across the workspace per <see cref="Window"/>: "several hundred per minute" (RLDOC).</summary>
    public int WorkspacePostsPerWindow { get; set; } = 300;

    /// <summary>How many 429s the fake has answered, scripted ones included.</summary>
    public int TooManyRequestsSent
    {
        get
        {
            lock (gate)
            {
                return refused.Values.Sum();
            }
        }
    }

    /// <summary>How many 429s one method got (scripted ones included).</summary>
    public int TooManyRequestsFor(string method)
    {
        lock (gate)
        {
            return refused.GetValueOrDefault(method);
        }
    }

    /// <summary>Divides every window and the per-channel interval by <paramref name="factor"/>: the same budgets, sooner refilled.</summary>
    public void ScaleDown(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        Window /= factor;
        ChannelPostInterval /= factor;
    }

    /// <summary>Moves a method to another tier.</summary>
    public void SetTier(string method, SlackTier tier)
    {
        lock (gate)
        {
            tiers[method] = tier;
        }
    }

    /// <summary>Gives a method its own budget per window, burst included (overrides its tier).</summary>
    public void SetBudget(string method, int callsPerWindow)
    {
        lock (gate)
        {
            budgets[method] = callsPerWindow;
        }
    }

    internal void CountRefusal(string method)
    {
        lock (gate)
        {
            refused[method] = refused.GetValueOrDefault(method) + 1;
        }
    }

    /// <summary>Counts the call; returns how long to wait when it is over a limit, else null.</summary>
    internal TimeSpan? Admit(string method, string? channel, DateTimeOffset now)
    {
        if (!Enabled)
        {
            return null;
        }

        lock (gate)
        {
            if (method == SlackMethods.ChatPostMessage)
            {
                return AdmitPost(channel, now);
            }

            var tier = tiers.TryGetValue(method, out var configured) ? configured : SlackMethods.DefaultTier(method);
            var budget = budgets.TryGetValue(method, out var own) ? own : PerWindow(tier) + TierBurst;
            return AdmitWindow(method, budget, now);
        }
    }

    private int PerWindow(SlackTier tier) => tier switch
    {
        SlackTier.Tier1 => Tier1PerWindow,
        SlackTier.Tier2 => Tier2PerWindow,
        SlackTier.Tier3 => Tier3PerWindow,
        _ => Tier4PerWindow,
    };

    private TimeSpan? AdmitWindow(string key, int budget, DateTimeOffset now)
    {
        var (start, count) = windows.TryGetValue(key, out var window) ? window : (now, 0);
        if (now >= start + Window)
        {
            (start, count) = (now, 0);
        }

        if (count >= budget)
        {
            windows[key] = (start, count);
            return start + Window - now;
        }

        windows[key] = (start, count + 1);
        return null;
    }

    private TimeSpan? AdmitPost(string? channel, DateTimeOffset now)
    {
        var key = channel ?? "";
        var (tokens, at) = channelBuckets.TryGetValue(key, out var bucket) ? bucket : (ChannelPostBurst, now);
        tokens = Math.Min(ChannelPostBurst, tokens + ((now - at) / ChannelPostInterval));
        if (tokens < 1)
        {
            channelBuckets[key] = (tokens, now);
            return (1 - tokens) * ChannelPostInterval;
        }

        var workspaceWait = AdmitWindow(SlackMethods.ChatPostMessage, WorkspacePostsPerWindow, now);
        if (workspaceWait is not null)
        {
            channelBuckets[key] = (tokens, now);
            return workspaceWait;
        }

        channelBuckets[key] = (tokens - 1, now);
        return null;
    }
}
