using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>The real config/content files load and hold everything the guide has.</summary>
public class ContentLoaderTests
{
    private static readonly GuideContent Content = ContentLoader.Load(TestContent.ContentDirectory);

    [Fact]
    public void Load_RealContent_Has80QuestionsWithIdsOneToEighty()
    {
        Assert.Equal(80, Content.Questions.Count);
        Assert.Equal(Enumerable.Range(1, 80), Content.Questions.Select(q => q.Id));
    }

    [Theory]
    [InlineData(QuestionCategory.SystemDesign, 1, 25)]
    [InlineData(QuestionCategory.BestPractices, 26, 45)]
    [InlineData(QuestionCategory.SoftwareEngineering, 46, 65)]
    [InlineData(QuestionCategory.Algorithms, 66, 80)]
    public void Load_RealContent_CategoriesCoverTheGuidesIdRanges(QuestionCategory category, int firstId, int lastId)
    {
        var ids = Content.Questions.Where(q => q.Category == category).Select(q => q.Id);

        Assert.Equal(Enumerable.Range(firstId, lastId - firstId + 1), ids);
    }

    [Fact]
    public void Load_RealContent_FirstAndLastQuestionTextsMatchTheGuide()
    {
        Assert.Equal("Design a recommendation system for YouTube", Content.FindQuestion(1)?.Text);
        Assert.Equal("Explain zero-shot learning", Content.FindQuestion(80)?.Text);
    }

    [Theory]
    [InlineData(21, 64, "canary-deployment")]
    [InlineData(25, 79, "federated-learning")]
    [InlineData(8, 42, "ab-testing")]
    [InlineData(17, 31, "data-drift")]
    [InlineData(6, 33, "feature-store")]
    [InlineData(11, 28, "model-versioning")]
    [InlineData(19, 36, "reproducibility")]
    [InlineData(12, 30, "model-monitoring")]
    [InlineData(13, 29, "model-serving")]
    public void Load_RealContent_RepeatedQuestionsShareATopic(int firstId, int secondId, string topic)
    {
        Assert.Equal(topic, Content.FindQuestion(firstId)?.Topic);
        Assert.Equal(topic, Content.FindQuestion(secondId)?.Topic);
        Assert.Equal(2, Content.Questions.Count(q => q.Topic == topic));
    }

    [Fact]
    public void Load_RealContent_NoTopicIsSharedByMoreThanTwoQuestions()
    {
        var crowded = Content.Questions.GroupBy(q => q.Topic).Where(g => g.Count() > 2).Select(g => g.Key);

        Assert.Empty(crowded);
    }

    [Fact]
    public void Load_RealContent_RoadmapHasFourPhasesWithTheGuidesDurations()
    {
        Assert.Equal("8–14 months", Content.Roadmap.TotalDuration);
        Assert.Equal([1, 2, 3, 4], Content.Roadmap.Phases.Select(p => p.Number));
        Assert.Equal(
            ["3 months", "3–4 months", "2–3 months", "2 months"],
            Content.Roadmap.Phases.Select(p => p.Duration));
        Assert.Equal("Software Engineering Foundations", Content.Roadmap.Phases[0].Title);
        Assert.Equal([6, 7, 6, 4], Content.Roadmap.Phases.Select(p => p.Topics.Count));
    }

    [Fact]
    public void Load_RealContent_RoleHasSummaryEightResponsibilitiesAndFiveAspects()
    {
        Assert.StartsWith("An ML Engineer is a software engineer", Content.Role.Summary, StringComparison.Ordinal);
        Assert.Equal(8, Content.Role.Responsibilities.Count);
        Assert.Equal(
            ["Focus", "Code Quality", "Tools", "Timeline", "Skills"],
            Content.Role.Comparison.Select(row => row.Aspect));
        Assert.Equal("Production & Scale", Content.Role.Comparison[0].MlEngineer);
    }

    [Fact]
    public void Load_RealContent_SkillsAreSeventyThirtyWithEightAndSixItems()
    {
        Assert.Equal(("software", 70, 8), (Content.Skills.Software.Key, Content.Skills.Software.SharePercent, Content.Skills.Software.Items.Count));
        Assert.Equal(("ml", 30, 6), (Content.Skills.MachineLearning.Key, Content.Skills.MachineLearning.SharePercent, Content.Skills.MachineLearning.Items.Count));
    }

    [Fact]
    public void Load_RealContent_HasThreeLanguagesAndThreeClouds()
    {
        Assert.Equal(["Python", "Java/Scala", "SQL"], Content.Languages.Select(l => l.Name));
        Assert.Equal(["aws", "gcp", "azure"], Content.CloudPlatforms.Select(c => c.Key));
        Assert.Equal(["Vertex AI", "BigQuery", "Cloud Run"], Content.CloudPlatforms[1].KeyServices);
        Assert.Equal("Enterprise", Content.CloudPlatforms[2].BestFor);
    }

    [Fact]
    public void Load_RealContent_SalaryHasFourLevelsTimesThreeRegions()
    {
        Assert.Equal(["india", "usa", "europe"], Content.Salary.Regions.Select(r => r.Key));
        Assert.Equal(["₹", "$", "€"], Content.Salary.Regions.Select(r => r.Currency));
        Assert.Equal(["entry", "mid", "senior", "lead"], Content.Salary.Levels.Select(l => l.Key));
        Assert.All(Content.Salary.Levels, level => Assert.Equal(3, level.Ranges.Count));
        Assert.Equal("$110K-160K", Content.Salary.Levels[0].Ranges["usa"]);
        Assert.Equal("0-2 yrs", Content.Salary.Levels[0].Experience);
        Assert.Equal("22-35L", Content.Salary.Levels[2].Ranges["india"]);
        Assert.Equal("€200K-350K+", Content.Salary.Levels[3].Ranges["europe"]);
    }
}
