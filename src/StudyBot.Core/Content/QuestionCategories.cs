namespace StudyBot.Core.Content;

/// <summary>Maps <see cref="QuestionCategory"/> to the keys used in questions.json and to display names.</summary>
public static class QuestionCategories
{
    public static IReadOnlyList<QuestionCategory> All { get; } =
    [
        QuestionCategory.SystemDesign,
        QuestionCategory.BestPractices,
        QuestionCategory.SoftwareEngineering,
        QuestionCategory.Algorithms,
    ];

    public static string Key(QuestionCategory category) => category switch
    {
        QuestionCategory.SystemDesign => "system-design",
        QuestionCategory.BestPractices => "best-practices",
        QuestionCategory.SoftwareEngineering => "software-engineering",
        QuestionCategory.Algorithms => "algorithms",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown question category."),
    };

    public static string DisplayName(QuestionCategory category) => category switch
    {
        QuestionCategory.SystemDesign => "System design for ML",
        QuestionCategory.BestPractices => "ML engineering best practices",
        QuestionCategory.SoftwareEngineering => "Software engineering for ML",
        QuestionCategory.Algorithms => "ML algorithms",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown question category."),
    };

    /// <summary>Parses a category key exactly as written in questions.json, e.g. "system-design".</summary>
    public static bool TryParse(string? key, out QuestionCategory category)
    {
        foreach (var candidate in All)
        {
            if (Key(candidate) == key)
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }
}
