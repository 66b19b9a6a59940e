using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

public class QuestionCategoriesTests
{
    [Theory]
    [InlineData(QuestionCategory.SystemDesign, "system-design", "System design for ML")]
    [InlineData(QuestionCategory.BestPractices, "best-practices", "ML engineering best practices")]
    [InlineData(QuestionCategory.SoftwareEngineering, "software-engineering", "Software engineering for ML")]
    [InlineData(QuestionCategory.Algorithms, "algorithms", "ML algorithms")]
    public void KeyAndTryParse_EachCategory_RoundTrip(QuestionCategory category, string key, string displayName)
    {
        Assert.Equal(key, QuestionCategories.Key(category));
        Assert.Equal(displayName, QuestionCategories.DisplayName(category));
        Assert.True(QuestionCategories.TryParse(key, out var parsed));
        Assert.Equal(category, parsed);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("System-Design")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownKey_ReturnsFalse(string? key)
    {
        Assert.False(QuestionCategories.TryParse(key, out _));
    }

    [Fact]
    public void All_ListsEveryEnumValueOnce()
    {
        Assert.Equal(Enum.GetValues<QuestionCategory>(), QuestionCategories.All);
    }
}
