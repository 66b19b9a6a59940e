namespace StudyBot.Discord.Events;

/// <summary>
/// Interaction ids seen lately, so a redelivered INTERACTION_CREATE is not answered twice. Bounded: an interaction
/// token lives 15 minutes, and storage dedupes answer credits by interaction id anyway.
/// </summary>
public sealed class RecentInteractions
{
    private const int Capacity = 10_000;
    private readonly HashSet<string> ids = [];
    private readonly Queue<string> order = new();
    private readonly Lock gate = new();

    public bool TryAdd(string interactionId)
    {
        lock (gate)
        {
            if (!ids.Add(interactionId))
            {
                return false;
            }

            order.Enqueue(interactionId);
            if (order.Count > Capacity)
            {
                ids.Remove(order.Dequeue());
            }

            return true;
        }
    }
}
