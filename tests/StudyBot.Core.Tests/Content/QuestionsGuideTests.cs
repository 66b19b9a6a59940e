using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>questions.json holds the guide's questions word for word, in the guide's order and categories.</summary>
public class QuestionsGuideTests
{
    private static readonly Dictionary<string, QuestionCategory> Headings = new()
    {
        ["System Design for ML (25 questions)"] = QuestionCategory.SystemDesign,
        ["ML Engineering Best Practices (20 questions)"] = QuestionCategory.BestPractices,
        ["Software Engineering for ML (20 questions)"] = QuestionCategory.SoftwareEngineering,
        ["ML Algorithms (15 questions)"] = QuestionCategory.Algorithms,
    };

    [GuideFact]
    public void Load_RealContent_EveryGuideQuestionAppearsVerbatimInOrder()
    {
        // The guide lives outside the repository; without it this is skipped, and the counts in ContentLoaderTests still hold.
        var guide = TestContent.GuideLines;
        Assert.NotNull(guide);

        var expected = QuestionsFromGuide(guide);
        var actual = ContentLoader.Load(TestContent.ContentDirectory).Questions
            .Select(q => (q.Id, q.Category, q.Text))
            .ToList();

        Assert.Equal(80, expected.Count);
        Assert.Equal(expected, actual);
    }

    private static List<(int Id, QuestionCategory Category, string Text)> QuestionsFromGuide(IReadOnlyList<string> guide)
    {
        var questions = new List<(int, QuestionCategory, string)>();
        QuestionCategory? category = null;
        foreach (var line in TestContent.GuideSection(guide, "Top 80 ML Engineer Interview Questions", "Salary Expectations"))
        {
            if (Headings.TryGetValue(line, out var heading))
            {
                category = heading;
            }
            else
            {
                Assert.StartsWith("- ", line, StringComparison.Ordinal);
                Assert.NotNull(category);
                questions.Add((questions.Count + 1, category.Value, line[2..]));
            }
        }

        return questions;
    }
}
