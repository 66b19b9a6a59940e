using System.Diagnostics;

namespace StudyBot.Worker.Tests;

/// <summary>Runs the built StudyBot.Worker as its own process, as a person would from a terminal or a script.</summary>
internal static class WorkerProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static Process Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StudyBot.Worker.dll"));
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
