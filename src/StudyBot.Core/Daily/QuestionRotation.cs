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

        // The topics of the pool's questions that were ever posted: history is a post a day, usually far shorter than
        // the pool, so nothing is built per pool question.
        var posted = new HashSet<int>();
        foreach (var slot in history)
        {
            if (slot.HoldsQuestion)
            {
                posted.Add(slot.QuestionId!.Value);
            }
        }

        var topicOf = new Dictionary<int, string>(Math.Min(posted.Count, pool.Count));
        foreach (var question in pool)
        {
            if (posted.Contains(question.Id))
            {
                topicOf[question.Id] = question.Topic;
            }
        }

        var held = history.Where(s => s.HoldsQuestion && topicOf.ContainsKey(s.QuestionId!.Value)).ToList();
        var cycle = held.Count == 0 ? 1 : held.Max(s => s.Cycle);
        var asked = held.Where(s => s.Cycle == cycle).Select(s => s.QuestionId!.Value).ToHashSet();
        if (asked.Count >= pool.Count)
        {
            cycle++;
            asked.Clear();
        }

        var recentTopics = held
            .Where(s => s.LocalDate < date && s.LocalDate > date.AddDays(-TopicGapDays))
            .Select(s => topicOf[s.QuestionId!.Value])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        // One pass over the pool for each category's size and how many of it this cycle asked: a pick is O(pool), also
        // for a server with thousands of its own questions.
        var shares = new Dictionary<QuestionCategory, (int Size, int Done)>();
        foreach (var question in pool)
        {
            var (size, done) = shares.GetValueOrDefault(question.Category);
            shares[question.Category] = (size + 1, done + (asked.Contains(question.Id) ? 1 : 0));
        }

        return (Choose(pool, asked, shares, recentTopics) ?? Choose(pool, asked, shares, null)!, cycle);
    }

    // The category furthest behind its share of the cycle goes next (ties: the category's order); inside it, the lowest
    // id (the guide's order). Candidates are the questions not asked this cycle and, when given, not on a recent topic.
    private static InterviewQuestion? Choose(
        IReadOnlyList<InterviewQuestion> pool,
        HashSet<int> asked,
        Dictionary<QuestionCategory, (int Size, int Done)> shares,
        HashSet<string>? recentTopics)
    {
        var first = new Dictionary<QuestionCategory, InterviewQuestion>(shares.Count);
        foreach (var question in pool)
        {
            if (asked.Contains(question.Id) || (recentTopics is not null && recentTopics.Contains(question.Topic)))
            {
                continue;
            }

            if (!first.TryGetValue(question.Category, out var lowest) || question.Id < lowest.Id)
            {
                first[question.Category] = question;
            }
        }

        InterviewQuestion? pick = null;
        var pickShare = 0.0;
        foreach (var (category, question) in first)
        {
            var (size, done) = shares[category];
            var share = (double)done / size;
            if (pick is null || share < pickShare || (share == pickShare && category < pick.Category))
            {
                pick = question;
                pickShare = share;
            }
        }

        return pick;
    }
}
