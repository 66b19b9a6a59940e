namespace StudyBot.Worker.Tests;

/// <summary>The built program with a console setting that once crashed start-up.</summary>
public sealed class ConsoleStartupTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-startup-");

    [Theory]
    [InlineData("America/Argentina", "Console:TimeZone 'America/Argentina' is a group of ")]
    [InlineData("America/North_Dakota", "America/North_Dakota/Center")]
    public async Task TimeZoneFolder_StopsWithOneLineAndExitCodeTwo(string zone, string message)
    {
        var result = await WorkerProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Storage__Path"] = Path.Combine(folder.FullName, "studybot.db"),
                ["Console__TimeZone"] = zone,
            },
            "/help\n");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("StudyBot could not start: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
