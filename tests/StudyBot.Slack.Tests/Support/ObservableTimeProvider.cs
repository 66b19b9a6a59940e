using Microsoft.Extensions.Time.Testing;

namespace StudyBot.Slack.Tests.Support;

/// <summary>
/// A fake clock that also tells a test which timers the code under test has started, so the test can wait until a
/// delay is really armed before it advances time (no race with the code's own thread), and jump to the next one.
/// </summary>
internal sealed class ObservableTimeProvider : FakeTimeProvider
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly List<TimerRecord> _timers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var record = new TimerRecord(dueTime, GetUtcNow() + dueTime);
        var inner = base.CreateTimer(
            s =>
            {
                if (period == Timeout.InfiniteTimeSpan)
                {
                    record.Done = true;
                }

                callback(s);
            },
            state,
            dueTime,
            period);
        lock (_lock)
        {
            _timers.Add(record);
        }

        Changed();
        return new TrackedTimer(inner, record, this);
    }

    /// <summary>Waits until at least <paramref name="count"/> timers of exactly <paramref name="dueTime"/> have been started.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int count = 1) => WaitForTimerAsync(d => d == dueTime, count, dueTime.ToString());

    /// <summary>Waits until at least <paramref name="count"/> timers whose due time <paramref name="matches"/> have been started.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> matches, int count = 1, string what = "the expected length")
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_timers.Count(t => matches(t.DueTime)) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                string started;
                lock (_lock)
                {
                    started = string.Join(", ", _timers.Select(t => t.DueTime));
                }

                throw new TimeoutException($"no timer of {what} was started (started: {started})");
            }
        }
    }

    /// <summary>How many timers of exactly <paramref name="dueTime"/> were started so far.</summary>
    public int TimersStarted(TimeSpan dueTime)
    {
        lock (_lock)
        {
            return _timers.Count(t => t.DueTime == dueTime);
        }
    }

    /// <summary>
    /// Moves the clock from timer to timer until <paramref name="work"/> completes: each step waits for a pending timer
    /// and advances to the earliest one's due time. Timers of a length <paramref name="ignore"/> picks (say, request
    /// timeouts) are never jumped to, so in-flight work is not timed out by the driver.
    /// </summary>
    public async Task RunUntilAsync(Task work, Func<TimeSpan, bool>? ignore = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!work.IsCompleted)
        {
            Task changed;
            DateTimeOffset? next;
            lock (_lock)
            {
                next = _timers.Where(t => !t.Done && !(ignore?.Invoke(t.DueTime) ?? false)).Select(t => (DateTimeOffset?)t.DueAt).Min();
                changed = _changed.Task;
            }

            if (next is { } due)
            {
                var step = due - GetUtcNow();
                Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
                await Task.Yield();
                continue;
            }

            await Task.WhenAny(changed, work).WaitAsync(timeout.Token);
        }

        await work;
    }

    private void Changed()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    private sealed class TimerRecord(TimeSpan dueTime, DateTimeOffset dueAt)
    {
        public TimeSpan DueTime { get; } = dueTime;

        public DateTimeOffset DueAt { get; set; } = dueAt;

        public volatile bool Done;
    }

    private sealed class TrackedTimer(ITimer inner, TimerRecord record, ObservableTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            record.DueAt = owner.GetUtcNow() + dueTime;
            record.Done = dueTime == Timeout.InfiniteTimeSpan;
            owner.Changed();
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            record.Done = true;
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            record.Done = true;
            return inner.DisposeAsync();
        }
    }
}
