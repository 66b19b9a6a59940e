namespace StudyBot.Persistence.Tests;

/// <summary>The committed version 3 data file (Fixtures/README.md), copied next to the test binaries by the project file.</summary>
internal static class Version3Fixture
{
    public static string CommittedPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "studybot-v3.db");

    /// <summary>Copies the fixture to <paramref name="dataFile"/>: tests open only copies, never the file itself.</summary>
    public static void CopyTo(string dataFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
        File.Copy(CommittedPath, dataFile);
    }
}
