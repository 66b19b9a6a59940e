namespace StudyBot.Slack.Socket;

/// <summary>The last N delivery keys, oldest forgotten first: enough to recognise Slack's redeliveries of an event.</summary>
internal sealed class RecentDeliveries(int capacity)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time <paramref name="key"/> is seen; false for a repeat.</summary>
    public bool TryAdd(string key)
    {
        lock (_lock)
        {
            if (!_seen.Add(key))
            {
                return false;
            }

            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
