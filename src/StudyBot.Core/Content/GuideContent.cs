namespace StudyBot.Core.Content;

/// <summary>Everything the bot teaches from, loaded once from the data files under config/content.</summary>
public sealed record GuideContent(
    RoleContent Role,
    SkillsContent Skills,
    RoadmapContent Roadmap,
    IReadOnlyList<LanguageInfo> Languages,
    IReadOnlyList<CloudPlatform> CloudPlatforms,
    IReadOnlyList<ToolCategory> ToolCategories,
    IReadOnlyList<InterviewQuestion> Questions,
    SalaryTable Salary,
    IReadOnlyList<QuestionKeyPoints> KeyPoints)
{
    public InterviewQuestion? FindQuestion(int id) => Questions.FirstOrDefault(q => q.Id == id);

    /// <summary>The key points of a question, or null for a question without them.</summary>
    public QuestionKeyPoints? FindKeyPoints(int questionId) => KeyPoints.FirstOrDefault(k => k.QuestionId == questionId);
}

public sealed record RoleContent(
    string Summary,
    IReadOnlyList<string> Responsibilities,
    IReadOnlyList<RoleComparisonRow> Comparison);

/// <summary>One aspect of the ML engineer vs data scientist table.</summary>
public sealed record RoleComparisonRow(string Aspect, string DataScientist, string MlEngineer);

public sealed record SkillsContent(SkillArea Software, SkillArea MachineLearning);

public sealed record SkillArea(string Key, string Name, int SharePercent, IReadOnlyList<string> Items);

public sealed record RoadmapContent(string TotalDuration, IReadOnlyList<RoadmapPhase> Phases);

/// <summary>A roadmap phase; durations are in months, e.g. 3–4 is MinMonths 3, MaxMonths 4.</summary>
public sealed record RoadmapPhase(int Number, string Title, int MinMonths, int MaxMonths, IReadOnlyList<string> Topics)
{
    public string Duration => MinMonths == MaxMonths
        ? $"{MinMonths} month{(MinMonths == 1 ? "" : "s")}"
        : $"{MinMonths}–{MaxMonths} months";
}

public sealed record LanguageInfo(string Name, string WhyItMatters);

public sealed record CloudPlatform(string Key, string Name, IReadOnlyList<string> KeyServices, string BestFor);

/// <summary>A tools section of the guide (essential, frameworks, mlops) with its named groups.</summary>
public sealed record ToolCategory(string Key, string Name, IReadOnlyList<ToolGroup> Groups);

public sealed record ToolGroup(string Key, string Name, IReadOnlyList<string> Tools);

public sealed record InterviewQuestion(int Id, QuestionCategory Category, string Text, string Topic);

/// <summary>What a strong answer to a question covers (3–6 points) and the common pitfalls (1–2), each one short sentence.</summary>
public sealed record QuestionKeyPoints(int QuestionId, IReadOnlyList<string> Points, IReadOnlyList<string> Pitfalls);

public enum QuestionCategory
{
    SystemDesign,
    BestPractices,
    SoftwareEngineering,
    Algorithms,
}

public sealed record SalaryTable(IReadOnlyList<SalaryRegion> Regions, IReadOnlyList<SalaryLevel> Levels);

public sealed record SalaryRegion(string Key, string Name, string Currency);

/// <summary>One experience level with its range per region key, e.g. Ranges["usa"] = "$110K-160K".</summary>
public sealed record SalaryLevel(string Key, string Name, string Experience, IReadOnlyDictionary<string, string> Ranges);
