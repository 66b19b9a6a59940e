using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Answers;
using StudyBot.Core.Streaks;
using StudyBot.Discord;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Persistence;
using Xunit.Abstractions;

namespace StudyBot.Worker.Tests;

/// <summary>
/// SIGTERM while the bot is answering a burst of Answer forms, against the loopback fake Discord, with the real
/// program as its own process: the answers in flight finish before the data file closes, so every credit a member
/// was told about is in storage afterwards, and every stored credit was told.
/// </summary>
public sealed class DiscordShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 240;
    private const int AcknowledgedBeforeSignal = 20;
    private const ulong FirstMemberId = 1380000000000010000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-sigterm-");
    private FakeDiscord fake = null!;

    private string DataPath => Path.Combine(folder.FullName, "studybot.db");

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Sigterm_DuringABurstOfAnswers_LosesNoAcknowledgedCredit()
    {
        // Each answer spends a while on its way back to Discord, so a burst keeps many answers in flight at once.
        // The 3-second deadline is lifted: this test is about shutdown, not about how fast a loaded machine is.
        fake.InteractionCallbackLatency = TimeSpan.FromMilliseconds(300);
        fake.InteractionResponseDeadline = TimeSpan.FromMinutes(5);
        using var process = WorkerProcess.Start(new Dictionary<string, string>
        {
            ["Discord__Token"] = fake.Token,
            ["Discord__ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Storage__Path"] = DataPath,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__StudyBot"] = "Information",
        });
        var errors = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var registered = fake.WaitForRequestAsync(r => r.Method == "PUT" && r.ResponseStatus == 200, Wait);
        if (await Task.WhenAny(registered, process.WaitForExitAsync()) != registered)
        {
            Assert.Fail($"the bot ended before it was ready (exit {process.ExitCode}): {await errors}");
        }

        var acknowledged = 0;
        var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = new List<(ulong MemberId, FakeInteraction Interaction)>();
        for (var i = 0; i < Members; i++)
        {
            var memberId = FirstMemberId + (ulong)i;
            fake.Interactions.UserId = memberId.ToString(CultureInfo.InvariantCulture);
            fake.Interactions.Username = $"member{i}";
            var interaction = await fake.DispatchInteractionAsync(fake.Interactions.ModalSubmit(
                AnswerFlow.FormPrefix + "1", ("answer", "Shadow traffic first, then a canary at 5% with automatic rollback on the error budget.")));
            _ = interaction.Acknowledged.ContinueWith(
                _ =>
                {
                    if (Interlocked.Increment(ref acknowledged) == AcknowledgedBeforeSignal)
                    {
                        enoughAcknowledged.TrySetResult();
                    }
                },
                TaskScheduler.Default);
            burst.Add((memberId, interaction));
        }

        await enoughAcknowledged.Task.WaitAsync(Wait);
        var acknowledgedAtSignal = Volatile.Read(ref acknowledged);
        Assert.Equal(0, Signals.Terminate(process.Id));
        using (var timeout = new CancellationTokenSource(Wait))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var log = await errors;
        await stdout;
        var told = burst.Where(b => Counted(b.Interaction)).Select(b => b.MemberId).ToHashSet();
        var stored = await StoredCreditsAsync(burst.Select(b => b.MemberId));
        output.WriteLine(
            $"answers dispatched {Members}; acknowledged when SIGTERM was sent {acknowledgedAtSignal}; acknowledged in all {told.Count}; " +
            $"credits found after restart {stored.Count}; exit code {process.ExitCode}");

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {log}");
        Assert.Empty(told.Except(stored));
        Assert.Empty(stored.Except(told));

        // Answers in flight when the signal came were finished and acknowledged, not dropped half-way.
        Assert.True(told.Count > acknowledgedAtSignal, $"nothing was acknowledged after SIGTERM ({told.Count}): {log}");
        Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        Assert.DoesNotContain("ObjectDisposedException", log, StringComparison.Ordinal);
    }

    private static bool Counted(FakeInteraction interaction) =>
        interaction.Callbacks.Any(c => c["data"]?["embeds"] is JsonArray embeds
            && embeds.Any(e => e?["description"]?.GetValue<string>().StartsWith("Counted for ", StringComparison.Ordinal) == true));

    /// <summary>Opens the data file the way the program does, after it has exited, and lists the members credited.</summary>
    private async Task<HashSet<ulong>> StoredCreditsAsync(IEnumerable<ulong> memberIds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = DataPath })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddStudyBotPersistence(configuration).BuildServiceProvider();
        var members = services.GetRequiredService<IMemberStore>();
        var serverId = DiscordIds.Server(ulong.Parse(fake.Interactions.GuildId, CultureInfo.InvariantCulture));
        var credited = new HashSet<ulong>();
        foreach (var memberId in memberIds)
        {
            if ((await members.GetActiveDaysAsync(serverId, DiscordIds.Member(memberId), CancellationToken.None)).Count > 0)
            {
                credited.Add(memberId);
            }
        }

        return credited;
    }
}

/// <summary>SIGTERM, what a container stop or a service manager sends.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static int Terminate(int processId) => Kill(processId, SigTerm);
}
