using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Daily;

public class QuestionRotationTests
{
    private const string Server = "discord:1100000000000000001";

    private static readonly IReadOnlyList<InterviewQuestion> Pool = TestGuide.Content.Questions;
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void PickNext_EightyDays_EveryQuestionOnceInCycleOne()
    {
        var days = Simulate(80);

        Assert.All(days, d => Assert.Equal(1, d.Cycle));
        Assert.Equal(Pool.Select(q => q.Id).Order(), days.Select(d => d.QuestionId!.Value).Order());
    }

    [Fact]
    public void PickNext_AfterPoolRunsOut_StartsCycleTwoAndAgainAsksEveryQuestionOnce()
    {
        var days = Simulate(160);

        Assert.Equal(2, days[80].Cycle);
        Assert.All(days.Skip(80), d => Assert.Equal(2, d.Cycle));
        Assert.Equal(Pool.Select(q => q.Id).Order(), days.Skip(80).Select(d => d.QuestionId!.Value).Order());
    }

    [Fact]
    public void PickNext_AnyPrefixOfACycle_EachCategoryWithinOneQuestionOfItsShare()
    {
        var sizes = Pool.GroupBy(q => q.Category).ToDictionary(g => g.Key, g => g.Count());
        var all = Simulate(240);

        foreach (var days in all.Chunk(Pool.Count))
        {
            AssertBalanced(days, sizes);
        }
    }

    [Fact]
    public void PickNext_ThreeFullCycles_NoTopicRepeatsWithinAWeek()
    {
        var days = Simulate(240);

        for (var i = 0; i < days.Count; i++)
        {
            for (var j = i + 1; j < days.Count && days[j].LocalDate.DayNumber - days[i].LocalDate.DayNumber < QuestionRotation.TopicGapDays; j++)
            {
                Assert.False(
                    string.Equals(Question(days[i]).Topic, Question(days[j]).Topic, StringComparison.OrdinalIgnoreCase),
                    $"Q{days[i].QuestionId} on {days[i].LocalDate} and Q{days[j].QuestionId} on {days[j].LocalDate} share the topic {Question(days[i]).Topic}.");
            }
        }
    }

    [Fact]
    public void PickNext_HistoryHoldsARemovedQuestionId_IgnoresIt()
    {
        var history = Simulate(79);
        var removed = new DailySlot(Server, Start.AddDays(79), DailySlotStatus.Sent, 999, 1, "n", "m", default, null);

        var (question, cycle) = QuestionRotation.PickNext(Pool, [.. history, removed], Start.AddDays(80));

        // 999 does not count toward the pool: the one question not yet asked comes next, still in cycle 1.
        var missing = Pool.Select(q => q.Id).Except(history.Select(d => d.QuestionId!.Value)).Single();
        Assert.Equal((missing, 1), (question.Id, cycle));
    }

    [Fact]
    public void PickNext_SkippedAndMissedSlots_DoNotCountAsAsked()
    {
        var history = new List<DailySlot>
        {
            new(Server, Start, DailySlotStatus.Skipped, null, 0, "n1", null, default, null),
            new(Server, Start.AddDays(1), DailySlotStatus.Missed, 5, 1, "n2", null, default, null),
        };

        var (question, cycle) = QuestionRotation.PickNext(Pool, history, Start.AddDays(2));

        Assert.Equal(1, cycle);
        Assert.Equal(1, question.Id); // the first question of the category furthest behind, as if nothing was asked
    }

    [Fact]
    public void PickNext_GuidePlusTwoThousandOwn_PicksExactlyAsTheRuleSays_ThroughAWholeCycle()
    {
        // The guide's 80 and 2,000 own questions in an uneven mix of categories, listed out of id order; a few days
        // skipped or missed, and a retired question in the history that the pool no longer holds.
        var own = Enumerable.Range(0, 2_000)
            .Select(i => new InterviewQuestion(3_000 - i, QuestionCategories.All[(i * i) % 7 % 4], $"Own question {i}", $"own-{3_000 - i}"));
        var pool = Pool.Concat(own).ToList();
        var history = new List<DailySlot> { new(Server, Start.AddDays(-1), DailySlotStatus.Sent, 999, 1, "old", "m", default, null) };
        for (var i = 0; i < pool.Count + 40; i++)
        {
            var date = Start.AddDays(i);
            var picked = QuestionRotation.PickNext(pool, history, date);
            var expected = ReferencePick(pool, history, date);
            Assert.True(expected == (picked.Question, picked.Cycle), $"Day {i}: picked Q#{picked.Question.Id} (cycle {picked.Cycle}), the rule says Q#{expected.Question.Id} (cycle {expected.Cycle}).");
            var status = i % 97 == 5 ? DailySlotStatus.Skipped : DailySlotStatus.Sent;
            history.Add(new DailySlot(Server, date, status, status == DailySlotStatus.Sent ? picked.Question.Id : null, picked.Cycle, $"n{i}", null, default, null));
        }

        var cycleOne = history.Where(s => s.HoldsQuestion && s.Cycle == 1 && s.QuestionId != 999).Select(s => s.QuestionId!.Value).ToList();
        Assert.Equal(pool.Select(q => q.Id).Order(), cycleOne.Order());
        Assert.Contains(history, s => s.HoldsQuestion && s.Cycle == 2);
    }

    /// <summary>The rotation's rule written plainly (as it was before picks were made in one pass): the reference for the fast pick.</summary>
    private static (InterviewQuestion Question, int Cycle) ReferencePick(List<InterviewQuestion> pool, List<DailySlot> history, DateOnly date)
    {
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
            .Where(s => s.LocalDate < date && s.LocalDate > date.AddDays(-QuestionRotation.TopicGapDays))
            .Select(s => byId[s.QuestionId!.Value].Topic)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var remaining = pool.Where(q => !asked.Contains(q.Id)).ToList();

        InterviewQuestion? Choose(List<InterviewQuestion> candidates) => candidates
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

        return (Choose([.. remaining.Where(q => !recentTopics.Contains(q.Topic))]) ?? Choose(remaining)!, cycle);
    }

    private static void AssertBalanced(DailySlot[] days, Dictionary<QuestionCategory, int> sizes)
    {
        for (var n = 1; n <= days.Length; n++)
        {
            foreach (var (category, size) in sizes)
            {
                var asked = days.Take(n).Count(d => Question(d).Category == category);
                var proportional = (double)n * size / Pool.Count;
                Assert.True(
                    Math.Abs(asked - proportional) <= 1.0,
                    $"After {n} picks of cycle {days[0].Cycle} {category} was asked {asked} times; its share is {proportional:F2}.");
            }
        }
    }

    private static InterviewQuestion Question(DailySlot slot) => Pool.Single(q => q.Id == slot.QuestionId);

    /// <summary>One sent post a day from <see cref="Start"/>, each chosen by the rotation from the history so far.</summary>
    private static List<DailySlot> Simulate(int days)
    {
        var history = new List<DailySlot>();
        for (var i = 0; i < days; i++)
        {
            var date = Start.AddDays(i);
            var (question, cycle) = QuestionRotation.PickNext(Pool, history, date);
            history.Add(new DailySlot(Server, date, DailySlotStatus.Sent, question.Id, cycle, $"n{i}", $"m{i}", default, null));
        }

        return history;
    }
}
