using StudyBot.Core.Time;

namespace StudyBot.Discord.Rest;

/// <summary>
/// One Discord rate-limit bucket. A caller reserves a slot with <see cref="AcquireAsync"/> before sending and hands
/// the response's headers back with <see cref="Release"/>. While the bucket's state is unknown (no headers yet, or
/// its window has passed) only one request may be in flight, so a fresh bucket cannot be overrun by a burst.
/// </summary>
internal sealed class RateLimitBucket(TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _remaining;

    // _remaining is trusted until this moment (the bucket's reset); after it the bucket is unknown again.
    private DateTimeOffset _resetAt = DateTimeOffset.MinValue;

    // Set by a 429: nothing goes to this bucket before then (DN PR #2642: not stopping the bucket is a classic bug).
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private int _inFlight;
    private TaskCompletionSource _changed = NewSignal();

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            Task changed;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_blockedUntil > now)
                {
                    wait = _blockedUntil - now;
                }
                else if (_resetAt > now)
                {
                    if (_remaining > 0)
                    {
                        _remaining--;
                        _inFlight++;
                        return;
                    }

                    wait = _resetAt - now;
                }
                else if (_inFlight == 0)
                {
                    _inFlight++;
                    return;
                }
                else
                {
                    wait = Timeout.InfiniteTimeSpan;
                }

                changed = _changed.Task;
            }

            await WaitAsync(changed, wait, cancellationToken);
        }
    }

    /// <summary>Ends a reservation made by <see cref="AcquireAsync"/>.</summary>
    /// <param name="headers">The response's rate-limit headers, or null when there was no response.</param>
    /// <param name="blockFor">A 429's retry_after: no request goes to this bucket for that long.</param>
    public void Release(RateLimitHeaders? headers, TimeSpan? blockFor)
    {
        lock (_lock)
        {
            _inFlight--;
            ApplyLocked(headers, blockFor);
        }
    }

    /// <summary>Takes in what another route's response said about this bucket, when the two turned out to share a hash.</summary>
    public void Apply(RateLimitHeaders headers, TimeSpan? blockFor)
    {
        lock (_lock)
        {
            ApplyLocked(headers, blockFor);
        }
    }

    private void ApplyLocked(RateLimitHeaders? headers, TimeSpan? blockFor)
    {
        var now = time.GetUtcNow();
        if (headers is { Remaining: int remaining, ResetAfter: TimeSpan resetAfter })
        {
            var resetAt = now + resetAfter;
            if (_resetAt > now)
            {
                // Responses of one window arrive in any order: the lowest count and the latest reset are the safe ones.
                _remaining = Math.Min(_remaining, remaining);
                _resetAt = resetAt > _resetAt ? resetAt : _resetAt;
            }
            else
            {
                _remaining = remaining;
                _resetAt = resetAt;
            }
        }

        if (blockFor is { } block && now + block > _blockedUntil)
        {
            _blockedUntil = now + block;
        }

        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private async Task WaitAsync(Task changed, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Wake on whichever comes first: the wait running out or another request releasing the bucket.
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(changed, TimerWait.DelayAsync(wait, time, stopDelay.Token));
        await stopDelay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
