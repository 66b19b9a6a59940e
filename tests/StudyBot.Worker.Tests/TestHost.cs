using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Worker.Chat;
using StudyBot.Worker.Hosting;

namespace StudyBot.Worker.Tests;

/// <summary>The real host (LiteDB file, Quartz, console chat) on a temp folder, a fake clock and a scripted console.</summary>
internal sealed class TestHost : IDisposable
{
    public TestHost(DateTimeOffset start, params string[] settings)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("studybot-worker-");
        Clock = new FakeTimeProvider(start);
        Settings = [$"--Storage:Path={DataPath}", .. settings];
    }

    public DirectoryInfo Directory { get; }

    public FakeTimeProvider Clock { get; }

    public string DataPath => Path.Combine(Directory.FullName, "studybot.db");

    public string[] Settings { get; }

    /// <summary>The host on this folder and clock; <paramref name="replace"/> swaps further services (a flaky sender).</summary>
    public IHost Build(ScriptedChatConsole console, Action<IServiceCollection>? replace = null) =>
        StudyBotHost.Build(Settings, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Services.AddSingleton<IChatConsole>(console);
            replace?.Invoke(builder.Services);
        });

    /// <summary>Runs a whole script to the end of input, as `printf ... | dotnet run` would.</summary>
    public async Task<string> RunScriptAsync(params string[] lines)
    {
        using var console = new ScriptedChatConsole(lines);
        console.EndInput();
        using var host = Build(console);
        await host.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return console.Output;
    }

    /// <summary>
    /// Runs a whole script through the program's entry (<see cref="StudyBotHost.RunAsync"/>), logging only to
    /// <paramref name="logs"/> at every level; returns the exit code, the chat and what the program wrote to standard error.
    /// </summary>
    public Task<(int ExitCode, string Output, string Errors)> RunProgramAsync(CapturedLogs logs, params string[] lines) =>
        RunProgramAsync(logs, replace: null, lines);

    /// <inheritdoc cref="RunProgramAsync(CapturedLogs, string[])"/>
    /// <param name="replace">Swaps further services, e.g. a store that fails.</param>
    public async Task<(int ExitCode, string Output, string Errors)> RunProgramAsync(CapturedLogs logs, Action<IServiceCollection>? replace, params string[] lines)
    {
        using var console = new ScriptedChatConsole(lines);
        console.EndInput();
        using var errors = new StringWriter();
        var exitCode = await StudyBotHost.RunAsync(
            Settings,
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(logs);
                builder.Services.AddSingleton<TimeProvider>(Clock);
                builder.Services.AddSingleton<IChatConsole>(console);
                replace?.Invoke(builder.Services);
            },
            errors).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, console.Output, errors.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a failed test; the temp folder is cleaned by the OS.
        }
    }
}
