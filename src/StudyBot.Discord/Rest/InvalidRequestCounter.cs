namespace StudyBot.Discord.Rest;

/// <summary>
/// Counts 401, 403 and 429 answers over a sliding 10 minutes: Cloudflare bans the IP at 10,000 of them,
/// so the client warns long before.
/// </summary>
internal sealed class InvalidRequestCounter(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _times = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                Trim(time.GetUtcNow());
                return _times.Count;
            }
        }
    }

    /// <returns>The count in the window, this one included.</returns>
    public int Add()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            _times.Enqueue(now);
            Trim(now);
            return _times.Count;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_times.Count > 0 && now - _times.Peek() >= Window)
        {
            _times.Dequeue();
        }
    }
}
