namespace StudyBot.Discord.Rest;

/// <summary>
/// Discord's global limit (50 requests per second per bot) and the pauses that span every bucket.
/// Requests are spaced evenly, 1/L seconds apart measured from the previous send, rather than let through in
/// bursts of L: a server counting L per second in any window then never sees more than L, and a burst of N still
/// finishes in about N/L seconds.
/// </summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int requestsPerSecond) : IDisposable
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1.0 / Math.Max(1, requestsPerSecond));

    // One waiter at a time takes the next send slot, so spacing holds however many callers there are.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSend = DateTimeOffset.MinValue;
    private DateTimeOffset _nonExemptPausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _allPausedUntil = DateTimeOffset.MinValue;

    /// <summary>A global 429: every request that counts against the global limit waits.</summary>
    public void PauseNonExempt(TimeSpan duration) => Extend(ref _nonExemptPausedUntil, duration);

    /// <summary>A Cloudflare block: the IP is limited, so even exempt interaction and webhook requests wait.</summary>
    public void PauseAll(TimeSpan duration) => Extend(ref _allPausedUntil, duration);

    public async Task WaitAsync(bool isExempt, CancellationToken cancellationToken)
    {
        if (isExempt)
        {
            await WaitUntilAsync(() => _allPausedUntil, cancellationToken);
            return;
        }

        await _turn.WaitAsync(cancellationToken);
        try
        {
            await WaitUntilAsync(() => Max(Max(_lastSend + _interval, _nonExemptPausedUntil), _allPausedUntil), cancellationToken);
            lock (_lock)
            {
                _lastSend = time.GetUtcNow();
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task WaitUntilAsync(Func<DateTimeOffset> until, CancellationToken cancellationToken)
    {
        // Re-read after every wait: a pause may have been set or extended meanwhile.
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                wait = until() - time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private void Extend(ref DateTimeOffset until, TimeSpan duration)
    {
        lock (_lock)
        {
            var end = time.GetUtcNow() + duration;
            until = end > until ? end : until;
        }
    }

    public void Dispose() => _turn.Dispose();

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
