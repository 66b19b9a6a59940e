namespace StudyBot.Persistence;

/// <summary>
/// What the stores read on every streak command, kept in memory: a server's settings, daily slots and own questions, a member's active days and freezes
/// (a year of them is about 700 documents to read and map, 2 ms a /streak). The least recently used go first once
/// the entries together hold more than <see cref="Capacity"/> items.
/// </summary>
/// <remarks>
/// Used only inside the gate's work (<see cref="LiteDbGate.Cache"/>), which runs one piece at a time, so it needs no
/// lock of its own. Entries are filled from committed reads (<see cref="LiteDbGate.Run{T}"/>); a write either removes
/// what it changes or, for a credit (the hot path), writes the new value through, inside the write's work. A batch
/// that is rolled back clears the whole cache (<see cref="LiteDbGate"/>), so nothing it wrote through outlives it.
/// Values handed out are immutable (a write-through replaces an array, it never changes one in place), except the
/// member documents, which never leave the gate's work.
/// </remarks>
internal sealed class GateCache(long capacity)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = new();
    private long _held;

    /// <summary>Items (slots, days) the entries may hold together.</summary>
    public long Capacity { get; } = capacity;

    public int Count => _entries.Count;

    public static string SlotsKey(string serverId) => "slots\n" + serverId;

    public static string DaysKey(string serverId, string memberId) => "days\n" + serverId + "\n" + memberId;

    /// <summary>A member's <see cref="MemberDocument"/>: the one value kept mutable, changed only by the credit that also writes it.</summary>
    public static string MemberKey(string serverId, string memberId) => "member\n" + serverId + "\n" + memberId;

    /// <summary>A server's settings (or <see cref="Absent"/>), read by every command of its members.</summary>
    public static string ServerKey(string serverId) => "server\n" + serverId;

    /// <summary>A member's streak settings (zone changes, hidden), read by every streak command.</summary>
    public static string MemberSettingsKey(string serverId, string memberId) => "settings\n" + serverId + "\n" + memberId;

    /// <summary>Cached for a key whose document does not exist, so that a miss is not read again.</summary>
    public static readonly object Absent = new();

    public static string FreezesKey(string serverId, string memberId) => "freezes\n" + serverId + "\n" + memberId;

    public static string OwnQuestionsKey(string serverId) => "questions\n" + serverId;

    public bool TryGet<T>(string key, out T value)
        where T : class
    {
        if (_entries.TryGetValue(key, out var node) && node.Value.Value is T found)
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            value = found;
            return true;
        }

        value = null!;
        return false;
    }

    public T GetOrAdd<T>(string key, Func<T> read, Func<T, int> items)
        where T : class
    {
        if (TryGet<T>(key, out var cached))
        {
            return cached;
        }

        var value = read();
        Set(key, value, items(value));
        return value;
    }

    public void Set(string key, object value, int items)
    {
        Remove(key);
        var weight = Math.Max(1, items);
        if (weight > Capacity)
        {
            return;
        }

        _entries[key] = _recent.AddFirst(new Entry(key, value, weight));
        _held += weight;
        while (_held > Capacity && _recent.Last is { } oldest)
        {
            Remove(oldest.Value.Key);
        }
    }

    public void Remove(string key)
    {
        if (_entries.Remove(key, out var node))
        {
            _recent.Remove(node);
            _held -= node.Value.Weight;
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _recent.Clear();
        _held = 0;
    }

    private sealed record Entry(string Key, object Value, int Weight);
}
