using System.Diagnostics;
using System.Text.RegularExpressions;
using StudyBot.Persistence.Tests;

namespace StudyBot.Worker.Tests;

/// <summary>The real program, started as a process: the README's commands, its exit codes and its messages.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-process-");

    private string DataPath => Path.Combine(folder.FullName, "data", "studybot.db");

    [Fact]
    public async Task PipedScript_RunsEveryLineAndExitsZeroAtEndOfInput()
    {
        var result = await RunAsync(new(), "/roadmap phase:2\n/schedule post-now\n/answer text:\"Two-tower retrieval then a ranking model.\"\n/streak\n");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("StudyBot is running locally as a console chat", result.Output, StringComparison.Ordinal);
        Assert.Contains("Phase 2: ML Systems & DevOps", result.Output, StringComparison.Ordinal);
        Assert.Contains("=== #daily", result.Output, StringComparison.Ordinal);
        Assert.Contains("Streak 1.", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(DataPath), "the LiteDB file is created where Storage:Path says");
    }

    [Fact]
    public async Task DotnetRun_FromAnotherFolder_WritesTheDataFileThereAndLogsItsAbsolutePath()
    {
        // The README's command, run from a folder other than the project's: Storage:Path is relative to that folder.
        var run = WorkerProcess.Start(
            new Dictionary<string, string> { ["Logging__LogLevel__StudyBot"] = "Information" },
            folder.FullName,
            ["run", "--no-build", "-c", WorkerProcess.Configuration, "--project", WorkerProcess.WorkerProjectFolder]);

        var result = await WorkerProcess.RunAsync(run, "/help\n");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Errors}");
        Assert.True(File.Exists(DataPath), $"no data file at {DataPath}");
        Assert.Contains($"Created the data file {DataPath} ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipedScript_UnderAnArabicLocale_DatesRepliesAndLogsInIso()
    {
        // ar-SA's calendar is the Hijri one: without invariant culture the thread was dated 1448-06-21.
        var result = await RunAsync(new() { ["LANG"] = "ar_SA.UTF-8", ["LC_ALL"] = "ar_SA.UTF-8" }, "/schedule post-now\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"=== #daily \(thread: Q#\d+ · 20\d\d-\d\d-\d\d\) ===", result.Output);
        Assert.Matches(@"Posted the daily question \d+ for server console:local on 20\d\d-\d\d-\d\d", result.Errors);
    }

    /// <summary>The real program and environment variables; ConfigurationTests runs every key in-process.</summary>
    [Theory]
    [InlineData("Schedule__CatchUpWindow", "banana", "Schedule:CatchUpWindow 'banana' is not a duration from 00:00:00 to 23:59:59. Use hh:mm:ss")]
    [InlineData("Streaks__MinAnswerLength", "abc", "Streaks:MinAnswerLength 'abc' is not a whole number from 1 to 1000.")]
    [InlineData("Console__TimeZone", "Mars/Base", "Console:TimeZone 'Mars/Base' is not an IANA time zone")]
    [InlineData("Discord__ApiBaseUrl", "not a url", "Discord:ApiBaseUrl 'not a url' is not an absolute http(s) URL")]
    public async Task BadConfiguration_StopsWithOneClearLineAndExitCode2(string key, string value, string message)
    {
        var settings = new Dictionary<string, string> { [key] = value };
        if (key.StartsWith("Discord__", StringComparison.Ordinal))
        {
            settings["Discord__Token"] = "not-a-real-token";
        }

        var result = await RunAsync(settings, "/help\n");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"StudyBot could not start: {message}", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Errors.TrimEnd());
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task MissingContentFolder_StopsWithTheFolderNamed()
    {
        var missing = Path.Combine(folder.FullName, "no-such-content");

        var result = await RunAsync(new() { ["Content__Path"] = missing }, "");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-content", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenContentFile_StopsNamingTheFileThePlaceAndTheProblem()
    {
        var content = Directory.CreateDirectory(Path.Combine(folder.FullName, "content"));
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "config", "content")))
        {
            File.Copy(file, Path.Combine(content.FullName, Path.GetFileName(file)));
        }

        var questions = Path.Combine(content.FullName, "questions.json");
        File.WriteAllText(questions, File.ReadAllText(questions).Replace("\"best-practices\"", "\"vibes\"", StringComparison.Ordinal));

        var result = await RunAsync(new() { ["Content__Path"] = content.FullName }, "");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("questions.json: $[25].category: unknown category 'vibes'", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFileHeldByAnotherProcess_StopsWithAClearMessage()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DataPath)!);
        using var held = new FileStream(DataPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = await RunAsync(new(), "/help\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("in use by another", result.Errors, StringComparison.Ordinal);
        Assert.Contains(DataPath, result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFileThatIsNotLiteDb_StopsWithAClearMessage()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DataPath)!);
        File.WriteAllBytes(DataPath, [.. Enumerable.Range(0, 20000).Select(i => (byte)(i * 7919 % 251))]);

        var result = await RunAsync(new(), "/help\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("StudyBot could not start: ", result.Errors, StringComparison.Ordinal);
        Assert.Contains(DataPath, result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataFileDamagedAtThreeQuarters_StopsWithOneLineNamingTheFileAndTheBackup()
    {
        var first = await RunAsync(new(), "/schedule post-now\n/answer text:\"Two towers for retrieval, then a ranker.\"\n/timezone zone:Europe/Berlin\n");
        Assert.Equal(0, first.ExitCode);
        // At the start of the page three quarters into the file, so the damage covers a page header.
        var offset = (long)(new FileInfo(DataPath).Length * 0.75) / DataFileDamage.PageSize * DataFileDamage.PageSize;
        DataFileDamage.WriteRandomBytesAt(DataPath, offset);

        var result = await RunAsync(new(), "/streak\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches($@"^StudyBot could not start: The data file {Regex.Escape(DataPath)} is damaged \(page \d+ of \d+ is not a LiteDB page\); restore it from a backup or set Storage:Path to another file\.\n$", result.Errors);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interrupt_ShutsDownCleanlyAndClosesTheDataFile(bool afterACommand)
    {
        using var process = WorkerProcess.Start(Environment());
        var errors = process.StandardError.ReadToEndAsync();
        var firstLine = await process.StandardOutput.ReadLineAsync();
        Assert.StartsWith("StudyBot is running locally", firstLine, StringComparison.Ordinal);
        if (afterACommand)
        {
            await process.StandardInput.WriteLineAsync("/cloud platform:azure");
            await process.StandardInput.FlushAsync();
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.Contains("Best for: Enterprise", StringComparison.Ordinal))
            {
            }
        }

        Assert.Equal(0, Signals.Interrupt(process.Id));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        var log = await errors;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {log}");
        Assert.Contains("Checkpointed and closed the data file", log, StringComparison.Ordinal);
        Assert.False(File.Exists(DataPath + ".lock"), "the lock file is released on shutdown");
    }

    public void Dispose() => folder.Delete(recursive: true);

    private Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Path"] = DataPath,
            ["Logging__LogLevel__StudyBot"] = "Information",
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return environment;
    }

    private Task<WorkerProcess.Result> RunAsync(Dictionary<string, string> extra, string input) =>
        WorkerProcess.RunAsync(Environment(extra), input);
}
