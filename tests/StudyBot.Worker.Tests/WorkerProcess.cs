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
    public static string WorkerFolder { get; } = Path.Combine(WorkerProjectFolder, "bin", Configuration, new DirectoryInfo(AppContext.BaseDirectory).Name);

    /// <summary>src/StudyBot.Worker in this repository.</summary>
    public static string WorkerProjectFolder => Path.Combine(FindRepositoryRoot(), "src", "StudyBot.Worker");

    /// <summary>The build configuration of these tests (Debug or Release), which the Worker was built with too.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("StudyBot.sln not found above the test folder.");
    }

    public static Process Start(IReadOnlyDictionary<string, string> environment) =>
        Start(environment, WorkerFolder, [Path.Combine(WorkerFolder, "StudyBot.Worker.dll")]);

    /// <summary>`dotnet` with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, as a person would type it there.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Discord__Token"] = "";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, string input) =>
        RunAsync(Start(environment), input);

    /// <summary>Feeds <paramref name="input"/> to the started <paramref name="process"/>, waits for it to end and disposes it.</summary>
    public static async Task<Result> RunAsync(Process process, string input)
    {
        ArgumentNullException.ThrowIfNull(process);
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();

            // `dotnet run` evaluates the project first, which is slow on a busy machine.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await output, await errors);
        }
    }
}
