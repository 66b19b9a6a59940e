using StudyBot.Core.Commands;
using StudyBot.Core.Content;

namespace StudyBot.Core.Questions;

/// <summary>
/// What a server's own question must look like, checked the same way for /questions add, edit, an import row and an
/// approved suggestion: each refusal is one short sentence.
/// </summary>
public static class OwnQuestionRules
{
    public const int MinTextLength = 15;
    public const int MaxTextLength = 500;
    public const int MinKeyPoints = 3;
    public const int MaxKeyPoints = 6;
    public const int MinPitfalls = 1;
    public const int MaxPitfalls = 2;
    public const int MaxPointLength = 200;

    /// <summary>How points are written in one option or cell: "a | b | c".</summary>
    public const char PointSeparator = '|';

    /// <summary>How many own questions a server may hold, retired ones included: enough for years of daily posts.</summary>
    public const int MaxQuestionsPerServer = 2000;

    public static string CategoryKeys => string.Join(", ", QuestionCategories.All.Select(QuestionCategories.Key));

    public static bool TryText(string? text, out string value, out string problem)
    {
        value = (text ?? "").Trim();
        problem = value.Length switch
        {
            0 => "The question text is empty.",
            < MinTextLength => $"The question text needs at least {MinTextLength} characters (it has {value.Length}).",
            > MaxTextLength => $"The question text can be at most {MaxTextLength} characters (it has {value.Length}).",
            _ => "",
        };
        return problem.Length == 0;
    }

    public static bool TryCategory(string? key, out QuestionCategory category, out string problem)
    {
        problem = "";
        var typed = (key ?? "").Trim().ToLowerInvariant();
        if (QuestionCategories.TryParse(typed, out category))
        {
            return true;
        }

        problem = typed.Length == 0
            ? $"The category is empty. Use one of: {CategoryKeys}."
            : $"'{TextFormat.Echo(typed)}' is not a category. Use one of: {CategoryKeys}.";
        return false;
    }

    /// <summary>Key points from "a | b | c": none at all is fine (a question may have none), else 3–6 distinct ones.</summary>
    public static bool TryKeyPoints(string? typed, out IReadOnlyList<string> points, out string problem) =>
        TryPoints(typed, "key points", MinKeyPoints, MaxKeyPoints, out points, out problem);

    public static bool TryPitfalls(string? typed, out IReadOnlyList<string> points, out string problem) =>
        TryPoints(typed, "pitfalls", MinPitfalls, MaxPitfalls, out points, out problem);

    public static IReadOnlyList<string> SplitPoints(string? typed) =>
        [.. (typed ?? "").Split(PointSeparator, StringSplitOptions.TrimEntries).Where(p => p.Length > 0)];

    /// <summary>Checks a whole draft; the first problem found, or null.</summary>
    public static string? Check(OwnQuestionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!TryText(draft.Text, out _, out var problem)
            || !TryList(draft.KeyPoints, "key points", MinKeyPoints, MaxKeyPoints, out problem)
            || !TryList(draft.Pitfalls, "pitfalls", MinPitfalls, MaxPitfalls, out problem))
        {
            return problem;
        }

        return null;
    }

    private static bool TryPoints(string? typed, string what, int min, int max, out IReadOnlyList<string> points, out string problem)
    {
        points = SplitPoints(typed);
        return TryList(points, what, min, max, out problem);
    }

    private static bool TryList(IReadOnlyList<string> points, string what, int min, int max, out string problem)
    {
        problem = "";
        if (points.Count == 0)
        {
            return true;
        }

        if (points.Count < min || points.Count > max)
        {
            problem = $"Give {min}–{max} {what} separated by '{PointSeparator}', or none (there are {points.Count}).";
        }
        else if (points.FirstOrDefault(p => p.Trim().Length == 0) is not null)
        {
            problem = $"One of the {what} is empty.";
        }
        else if (points.FirstOrDefault(p => p.Length > MaxPointLength) is { } tooLong)
        {
            problem = $"Each of the {what} can be at most {MaxPointLength} characters ('{TextFormat.Echo(tooLong)}' has {tooLong.Length}).";
        }
        else if (points.GroupBy(p => p.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problem = $"The {what} name '{TextFormat.Echo(twice.Key)}' twice.";
        }

        return problem.Length == 0;
    }
}
