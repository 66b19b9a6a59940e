namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// Finds Discord's OpenAPI spec beside the checkout (../shared/discord-api-spec/openapi.json from the folder
/// holding StudyBot.sln). It is not part of the repository, so everything that needs it must cope with its absence.
/// </summary>
public static class SpecLocation
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The full path of openapi.json, or null when it is not there.</summary>
    public static string? Path => Found.Value;

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                var spec = System.IO.Path.GetFullPath(
                    System.IO.Path.Combine(dir.FullName, "..", "shared", "discord-api-spec", "openapi.json"));
                return File.Exists(spec) ? spec : null;
            }
        }

        return null;
    }
}
