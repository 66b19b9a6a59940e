using StudyBot.Discord.Tests.Fake;

namespace StudyBot.Worker.Tests;

/// <summary>The program with a Discord token, against the loopback fake Discord, as its own process.</summary>
public sealed class DiscordProcessTests : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-discord-process-");
    private FakeDiscord fake = null!;

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task GatewayRefusesTheBot_4004_ProcessStopsWithExitCode3AndDoesNotRetry()
    {
        using var process = WorkerProcess.Start(new Dictionary<string, string>
        {
            ["Discord__Token"] = fake.Token,
            ["Discord__ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Storage__Path"] = Path.Combine(folder.FullName, "studybot.db"),
            ["Logging__LogLevel__StudyBot"] = "Information",
        });
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var identified = fake.WaitForIdentifyAsync(0, TimeSpan.FromSeconds(30));
        if (await Task.WhenAny(identified, process.WaitForExitAsync()) != identified)
        {
            Assert.Fail($"the bot ended before identifying (exit {process.ExitCode}): {await errors}");
        }

        await fake.CloseAsync(4004, "Authentication failed.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        var log = await errors;
        Assert.True(process.ExitCode == 3, $"exit {process.ExitCode}: {log}");
        Assert.Contains("Discord refused the bot, stopping", log, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Token, log + await output, StringComparison.Ordinal);
        Assert.Equal(1, fake.ConnectionCount);
    }
}
