namespace StudyBot.Core.Content;

/// <summary>
/// A content file is missing or wrong. The message is one line, "file: location: problem", so an admin
/// can find and fix it; location is a JSON path such as $[41].category or a line and position.
/// </summary>
public sealed class ContentException : Exception
{
    public ContentException(string fileName, string location, string problem, Exception? innerException = null)
        : base($"{fileName}: {location}: {problem}", innerException)
    {
        FileName = fileName;
        Location = location;
        Problem = problem;
    }

    public string FileName { get; }

    public string Location { get; }

    public string Problem { get; }
}
