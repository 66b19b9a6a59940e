using System.Diagnostics;

namespace StudyBot.Worker.Tests;

/// <summary>Runs the built StudyBot.Worker as its own process, as a person would from a terminal or a script.</summary>
internal static class WorkerProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>
    /// The Worker's own build output (same configuration as these tests), not its copy in this test folder: this
    /// test project also loads ASP.NET Core for the fake Discord, which changes what gets copied here.
    /// </summary>
    public static string WorkerFolder { get; } = FindWorkerFolder();

    private static string FindWorkerFolder()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent!;
        for (var dir = framework; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                return Path.Combine(dir.FullName, "src", "StudyBot.Worker", "bin", configuration.Name, framework.Name);
            }
        }

        throw new DirectoryNotFoundException("StudyBot.sln not found above the test folder.");
    }

    public static Process Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkerFolder,
        };
        info.ArgumentList.Add(Path.Combine(WorkerFolder, "StudyBot.Worker.dll"));
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Discord__Token"] = "";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, string input)
    {
        using var process = Start(environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }
}
