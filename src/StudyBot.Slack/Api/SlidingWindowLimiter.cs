using System.Diagnostics.CodeAnalysis;
using StudyBot.Core.Time;

namespace StudyBot.Slack.Api;

/// <summary>
/// At most <c>limit</c> calls in any <c>window</c>, at least half an average slot apart (so a queue of calls is spread
/// out, not fired as one burst), and nothing at all while a 429 pause lasts. Waiters take their turn one at a time.
/// A limit of 0 means no budget, only pauses.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle was used, which never happens here; idle limiters are dropped while another caller may still hold them.")]
internal sealed class SlidingWindowLimiter(TimeProvider time, int limit, TimeSpan window, Action<DateTimeOffset>? granted = null)
{
    private readonly TimeSpan _spacing = limit > 1 ? window / limit / 2 : TimeSpan.Zero;
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _lock = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>When the last call went out; an idle limiter can be forgotten.</summary>
    public DateTimeOffset LastUse
    {
        get
        {
            lock (_lock)
            {
                return Max(_last, _pausedUntil);
            }
        }
    }

    public bool IsBusy => _turn.CurrentCount == 0;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                DateTimeOffset now;
                lock (_lock)
                {
                    now = time.GetUtcNow();
                    wait = NextSlot() - now;
                    if (wait <= TimeSpan.Zero)
                    {
                        _last = now;
                        if (limit > 0)
                        {
                            _recent.Enqueue(now);
                            if (_recent.Count > limit)
                            {
                                _recent.Dequeue();
                            }
                        }
                    }
                }

                if (wait <= TimeSpan.Zero)
                {
                    granted?.Invoke(now);
                    return;
                }

                await TimerWait.DelayAsync(wait, time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>A 429: nothing goes out through this limiter for <paramref name="duration"/>.</summary>
    public void Pause(TimeSpan duration)
    {
        lock (_lock)
        {
            _pausedUntil = Max(_pausedUntil, time.GetUtcNow() + duration);
        }
    }

    // Called under _lock.
    private DateTimeOffset NextSlot()
    {
        var next = _pausedUntil;
        if (limit <= 0)
        {
            return next;
        }

        if (_last != DateTimeOffset.MinValue)
        {
            next = Max(next, _last + _spacing);
        }

        if (_recent.Count >= limit)
        {
            next = Max(next, _recent.Peek() + window);
        }

        return next;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
