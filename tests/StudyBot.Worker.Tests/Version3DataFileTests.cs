using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Persistence;
using StudyBot.Persistence.Tests;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

/// <summary>
/// The console chat on a version 3 data file (the storage tests' fixture): its console server and member become the
/// console's ids, so the member who answered before the upgrade is still "you".
/// </summary>
public sealed class Version3DataFileTests
{
    // Tue 2026-11-24 08:00 UTC: the fixture's console member answered on the 23rd, so their streak of 1 is pending.
    // Neither the console's 09:00 (UTC) nor Discord server A's 09:30 (Berlin) is due yet.
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ConsoleChatOptions_ServerAndMemberId_WhatTheStorageMigrationMakesOfTheVersion3ConsoleIds()
    {
        using var console = new ScriptedChatConsole();

        Assert.Equal("console:local", ConsoleChatOptions.ServerId);
        Assert.Equal("local", ConsoleChatOptions.MemberId);
        Assert.Equal(ConsoleChatOptions.Platform, ServerIds.PlatformOf(ConsoleChatOptions.ServerId));
        Assert.Equal(ConsoleChatOptions.Platform, new ConsoleDailyPostSender(console).Platform);
    }

    [Fact]
    public async Task Script_Version3DataFile_TheConsoleMemberKeepsTheirStreakAndTheDiscordServersAreLeftAlone()
    {
        using var host = new TestHost(Morning);
        Version3Fixture.CopyTo(host.DataPath);
        var otherCopy = Path.Combine(host.Directory.FullName, "before", "studybot.db");
        Version3Fixture.CopyTo(otherCopy);
        var discordBefore = await HistoriesAsync(otherCopy);
        var logs = new CapturedLogs();

        var (exitCode, output, errors) = await host.RunProgramAsync(logs, "/streak", "/leaderboard", "/streak member:7");

        Assert.Equal(0, exitCode);
        Assert.Empty(errors);
        Assert.Contains($"Opened the data file {host.DataPath} (schema version 4)", logs.Text, StringComparison.Ordinal);
        Assert.Equal(7, discordBefore.Count);
        Assert.Contains("Your streak\n", output, StringComparison.Ordinal);
        Assert.Contains("Current:\n  1\n", output, StringComparison.Ordinal);
        Assert.Contains("Active days:\n  1\n", output, StringComparison.Ordinal);
        Assert.Contains("pending: answer today's question to make it 2", output, StringComparison.Ordinal);
        Assert.Contains("1. you: 1 day (best 1, 1 active day)", output, StringComparison.Ordinal);
        Assert.Contains("only-zone's streak", output, StringComparison.Ordinal);
        Assert.Contains("Days follow Pacific/Auckland", output, StringComparison.Ordinal);

        // Only the console's server is scheduled and caught up; the Discord servers wait for a Discord process.
        Assert.Contains("Daily schedule started; servers: 1,", logs.Text, StringComparison.Ordinal);
        Assert.Equal(discordBefore, await HistoriesAsync(host.DataPath));
    }

    /// <summary>The daily slots of the fixture's two Discord servers, read as the program reads them.</summary>
    private static async Task<List<DailySlot>> HistoriesAsync(string dataPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = dataPath })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddStudyBotPersistence(configuration).BuildServiceProvider();
        var posts = services.GetRequiredService<IDailyPostStore>();
        return
        [
            .. await posts.GetHistoryAsync("discord:1100000000000000001", CancellationToken.None),
            .. await posts.GetHistoryAsync("discord:18446744073709551000", CancellationToken.None),
        ];
    }
}
