namespace StudyBot.Testing;

/// <summary>
/// A thread-safe append-only list that tests can wait on: a fake platform's request log, connections, acks and so on.
/// </summary>
public sealed class AsyncLog<T>
{
    private readonly List<T> items = [];
    private readonly List<Waiter> waiters = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return [.. items];
        }
    }

    public void Add(T item)
    {
        List<TaskCompletionSource<T>> ready = [];
        lock (gate)
        {
            items.Add(item);
            var index = items.Count - 1;
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Predicate(item, index))
                {
                    ready.Add(waiters[i].Source);
                    waiters.RemoveAt(i);
                }
            }
        }

        foreach (var source in ready)
        {
            source.TrySetResult(item);
        }
    }

    /// <summary>The first item (already logged or still to come) that matches, or a TimeoutException naming <paramref name="what"/>.</summary>
    public Task<T> WaitForAsync(Func<T, bool> predicate, TimeSpan timeout, string what) =>
        WaitForAsync((item, _) => predicate(item), timeout, what);

    /// <summary>The item at <paramref name="index"/> once it has been logged.</summary>
    public Task<T> WaitForIndexAsync(int index, TimeSpan timeout, string what) =>
        WaitForAsync((_, i) => i == index, timeout, what);

    private async Task<T> WaitForAsync(Func<T, int, bool> predicate, TimeSpan timeout, string what)
    {
        Waiter waiter;
        lock (gate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (predicate(items[i], i))
                {
                    return items[i];
                }
            }

            waiter = new Waiter(predicate, new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously));
            waiters.Add(waiter);
        }

        try
        {
            return await waiter.Source.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }

            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {what}.");
        }
    }

    private sealed record Waiter(Func<T, int, bool> Predicate, TaskCompletionSource<T> Source);
}
