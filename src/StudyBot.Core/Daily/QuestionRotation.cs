using StudyBot.Core.Content;

namespace StudyBot.Core.Daily;

/// <summary>
/// Picks a server's next daily question: no repeat until the whole pool was asked (then a new cycle), categories
/// kept in proportion to their size, and no two questions on one topic within <see cref="TopicGapDays"/> days.
/// </summary>
public static class QuestionRotation
{
    public const int TopicGapDays = 7;

    public static (InterviewQuestion Question, int Cycle) PickNext(
        IReadOnlyList<InterviewQuestion> pool, IReadOnlyList<DailySlot> history, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(history);
        if (pool.Count == 0)
        {
            throw new ArgumentException("The question pool is empty.", nameof(pool));
        }

        var poolIds = pool.Select(q => q.Id).ToHashSet();
        var held = history.Where(s => s.HoldsQuestion && poolIds.Contains(s.QuestionId!.Value)).ToList();
        var cycle = held.Count == 0 ? 1 : held.Max(s => s.Cycle);
        var asked = held.Where(s => s.Cycle == cycle).Select(s => s.QuestionId!.Value).ToHashSet();
        if (asked.Count >= pool.Count)
        {
            cycle++;
            asked.Clear();
        }

        var byId = pool.ToDictionary(q => q.Id);
        var recentTopics = held
            .Where(s => s.LocalDate < date && s.LocalDate > date.AddDays(-TopicGapDays))
            .Select(s => byId[s.QuestionId!.Value].Topic)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var remaining = pool.Where(q => !asked.Contains(q.Id)).ToList();
        var pick = Choose(pool, asked, remaining.Where(q => !recentTopics.Contains(q.Topic)).ToList())
            ?? Choose(pool, asked, remaining)!;
        return (pick, cycle);
    }

    // The category furthest behind its share of the cycle goes next; inside it, the guide's order.
    private static InterviewQuestion? Choose(IReadOnlyList<InterviewQuestion> pool, HashSet<int> asked, List<InterviewQuestion> candidates) =>
        candidates
            .GroupBy(q => q.Category)
            .Select(group =>
            {
                var size = pool.Count(q => q.Category == group.Key);
                var done = pool.Count(q => q.Category == group.Key && asked.Contains(q.Id));
                return (Share: (double)done / size, Category: group.Key, First: group.MinBy(q => q.Id)!);
            })
            .OrderBy(c => c.Share)
            .ThenBy(c => c.Category)
            .Select(c => c.First)
            .FirstOrDefault();
}
