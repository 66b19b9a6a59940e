namespace StudyBot.Core.Tests.Content;

/// <summary>Where the real content and the guide it came from live, relative to the repository root.</summary>
internal static class TestContent
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ContentDirectory { get; } = Path.Combine(RepoRoot, "config", "content");

    /// <summary>The guide's lines, or null when the shared seed folder is not next to the repository.</summary>
    public static IReadOnlyList<string>? GuideLines { get; } = ReadGuide();

    /// <summary>The lines strictly between two headings of the guide.</summary>
    public static IReadOnlyList<string> GuideSection(IReadOnlyList<string> guide, string from, string to)
    {
        var start = IndexOfLine(guide, from, 0);
        var end = IndexOfLine(guide, to, start + 1);
        return [.. guide.Skip(start + 1).Take(end - start - 1)];
    }

    private static int IndexOfLine(IReadOnlyList<string> lines, string line, int startAt)
    {
        for (var i = startAt; i < lines.Count; i++)
        {
            if (lines[i] == line)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The guide has no line '{line}'.");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StudyBot.sln above {AppContext.BaseDirectory}.");
    }

    private static string[]? ReadGuide()
    {
        var path = Path.Combine(RepoRoot, "..", "shared", "seed", "ml-engineer-guide.txt");
        return File.Exists(path) ? File.ReadAllLines(path) : null;
    }
}
