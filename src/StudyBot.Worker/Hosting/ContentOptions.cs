namespace StudyBot.Worker.Hosting;

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The folder with the guide's data files. Empty means the config/content folder shipped next to the app.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(AppContext.BaseDirectory, "config", "content")
        : System.IO.Path.GetFullPath(Path);
}
