using System.Collections.Concurrent;

namespace StudyBot.Slack.Api;

/// <summary>
/// The limiters a call passes before it is sent: its method's tier budget, and for chat.postMessage first the
/// channel's own one-per-second budget. A 429 pauses the method, which is what Slack's limit blocks.
/// </summary>
internal sealed class SlackRateLimits
{
    private const int ChannelLimitersKept = 1_000;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly SlackApiLimits _limits;
    private readonly ConcurrentDictionary<string, SlidingWindowLimiter> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SlidingWindowLimiter> _channels = new(StringComparer.Ordinal);
    private readonly SlidingWindowLimiter _responseUrls;

    public SlackRateLimits(TimeProvider time, SlackApiLimits limits)
    {
        _time = time;
        _limits = limits;
        _responseUrls = new SlidingWindowLimiter(time, 0, Minute);
    }

    /// <summary>Tests watch when each limiter let a call go ("method:chat.postMessage", "channel:C1"): the moment it is sent.</summary>
    internal Action<string, DateTimeOffset>? Granted { get; set; }

    public async Task WaitAsync(SlackMethod method, string? channel, CancellationToken cancellationToken)
    {
        if (method.Tier == SlackTier.PostMessage && !string.IsNullOrEmpty(channel))
        {
            await ChannelLimiter(channel).WaitAsync(cancellationToken);
        }

        await MethodLimiter(method).WaitAsync(cancellationToken);
    }

    public void Pause(SlackMethod method, TimeSpan duration) => MethodLimiter(method).Pause(duration);

    /// <summary>response_url posts have no tier; only a 429's pause holds them back.</summary>
    public Task WaitForResponseUrlAsync(CancellationToken cancellationToken) => _responseUrls.WaitAsync(cancellationToken);

    public void PauseResponseUrls(TimeSpan duration) => _responseUrls.Pause(duration);

    private SlidingWindowLimiter MethodLimiter(SlackMethod method) =>
        _methods.GetOrAdd(method.Name, static (name, state) => state.Self.NewLimiter("method:" + name, state.Self._limits.PerMinute(state.Tier), Minute), (Self: this, method.Tier));

    private SlidingWindowLimiter ChannelLimiter(string channel)
    {
        if (_channels.Count > ChannelLimitersKept)
        {
            Prune();
        }

        return _channels.GetOrAdd(channel, static (key, self) => self.NewLimiter("channel:" + key, self._limits.PostMessagePerChannel, self._limits.PostMessageChannelWindow), this);
    }

    private SlidingWindowLimiter NewLimiter(string key, int limit, TimeSpan window) =>
        new(_time, limit, window, at => Granted?.Invoke(key, at));

    // A DM channel per member would otherwise keep a limiter forever; one idle past its window has nothing to remember.
    private void Prune()
    {
        var idleSince = _time.GetUtcNow() - _limits.PostMessageChannelWindow;
        foreach (var (channel, limiter) in _channels)
        {
            if (!limiter.IsBusy && limiter.LastUse < idleSince)
            {
                _channels.TryRemove(channel, out _);
            }
        }
    }
}
