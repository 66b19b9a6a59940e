using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Servers;
using StudyBot.Persistence;
using StudyBot.Persistence.Tests;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

/// <summary>Storage failing at start stops the program with one line; failing in one command costs only that command.</summary>
public sealed class StorageFailureTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Every server works but listing them all, which only the start-up scheduling does.</summary>
    private sealed class ServersThatCannotBeListed(string dataPath) : IServerStore
    {
        public Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken) => Task.FromResult<ServerSettings?>(null);

        public Task<IReadOnlyList<ServerSettings>> GetAllAsync(CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<ServerSettings>>(new StorageUnavailableException($"Reading or writing the data file {dataPath} failed (Page type must be data page)."));

        public Task SaveAsync(ServerSettings settings, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task Command_ItsDocumentIsDamaged_ShortReplyThenTheNextCommandIsAnswered()
    {
        using var host = new TestHost(Morning);
        await host.RunScriptAsync("/schedule post-now", "/answer text:\"Two towers for retrieval, then a ranker.\"");
        DataFileDamage.BreakDocument(host.DataPath, $"m:{ConsoleChatOptions.ServerId}:{ConsoleChatOptions.MemberId}");
        var logs = new CapturedLogs();

        var (_, output, errors) = await host.RunProgramAsync(logs, "/streak", "/cloud platform:azure");

        var replies = output[output.IndexOf("\n! ", StringComparison.Ordinal)..];
        Assert.Contains("Best for: Enterprise", replies, StringComparison.Ordinal);
        Assert.True(replies.IndexOf("Best for", StringComparison.Ordinal) > replies.IndexOf("! ", StringComparison.Ordinal), "the /streak problem comes first");
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain(host.DataPath, output, StringComparison.Ordinal);
        Assert.Empty(errors);
        var logged = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        var storage = Assert.IsType<StorageUnavailableException>(logged.Exception);
        Assert.Contains(host.DataPath, storage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StorageFailsWhileSchedulingAtStart_OneLineExitCode2AndNoStackTraceLogged()
    {
        using var host = new TestHost(Morning);
        var logs = new CapturedLogs();

        var (exitCode, _, errors) = await host.RunProgramAsync(
            logs,
            services => services.AddSingleton<IServerStore>(new ServersThatCannotBeListed(host.DataPath)),
            "/help");

        Assert.Equal(2, exitCode);
        Assert.Equal($"StudyBot could not start: Reading or writing the data file {host.DataPath} failed (Page type must be data page).", errors.TrimEnd());
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null);
        Assert.Contains("Checkpointed and closed the data file", logs.Text, StringComparison.Ordinal);
    }
}
