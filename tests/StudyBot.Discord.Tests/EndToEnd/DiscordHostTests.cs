using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Discord.Tests.EndToEnd;

/// <summary>
/// The real host (Worker + LiteDB temp file + Quartz + the Discord adapter) against the loopback fake Discord:
/// commands registered, a lookup answered in time, the daily post with its thread at the scheduled time, the
/// Answer form crediting a streak, and a restart that does not post twice.
/// </summary>
public sealed class DiscordHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 59, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-e2e-");
    private FakeDiscord fake = null!;

    private string ChannelId => fake.Interactions.ChannelId;

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private IHost BuildHost(RunningClock clock, params string[] extra) =>
        StudyBotHost.Build(
            [
                $"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}",
                $"--Discord:Token={fake.Token}",
                $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
                $"--Discord:DevGuildId={fake.Interactions.GuildId}",
                .. extra,
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock.Time);
                builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
            });

    private async Task<FakeInteraction> AnsweredAsync(JsonObject interaction)
    {
        var dispatched = await fake.DispatchInteractionAsync(interaction);
        var id = dispatched.Id;
        await fake.WaitForRequestAsync(r => r.Path.StartsWith($"/interactions/{id}/", StringComparison.Ordinal), Wait);
        return fake.Interaction(id)!;
    }

    private static string Text(JsonObject callback) =>
        string.Join('\n', callback["data"]?["embeds"]?.AsArray().Select(e => $"{e!["title"]}\n{e["description"]}") ?? []);

    [Fact]
    public async Task RealHost_FullDay_CommandsPostAnswerAndRestart()
    {
        await using (var clock = new RunningClock(Morning))
        using (var host = BuildHost(clock, "--Discord:CountThreadReplies=true"))
        {
            await host.StartAsync();

            // GUILDS, plus GUILD_MESSAGES for thread replies; never the privileged MESSAGE_CONTENT.
            Assert.Equal(1 | 512, (await fake.WaitForIdentifyAsync(0, Wait))["intents"]!.GetValue<int>());

            // Commands are registered to the dev server on READY.
            var registration = await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Wait);
            Assert.Contains($"guilds/{fake.Interactions.GuildId}/commands", registration.Path, StringComparison.Ordinal);
            Assert.Equal(host.Services.GetRequiredService<CommandDispatcher>().Definitions.Count, registration.Json!.AsArray().Count);

            // A lookup is answered well inside the 3-second deadline.
            var roadmap = await AnsweredAsync(fake.Interactions.SlashCommand("roadmap", ("phase", 4, 2)));
            Assert.Equal(4, roadmap.AcknowledgedWith);
            Assert.Contains("Phase 2: ML Systems & DevOps", Text(roadmap.Callbacks[0]), StringComparison.Ordinal);

            // Admin commands are checked on our side too: a member without Manage Server is refused.
            var setupCommand = () => fake.Interactions.SlashCommand("setup", ("channel", 7, ChannelId), ("time", 3, "09:00"), ("timezone", 3, "UTC"));
            var refused = await AnsweredAsync(setupCommand());
            Assert.Contains("/setup is for the server's admins.", Text(refused.Callbacks[0]), StringComparison.Ordinal);

            // An admin sets up the daily question for 09:00 UTC in the channel.
            var memberPermissions = fake.Interactions.Permissions;
            fake.Interactions.Permissions = "32";
            var setup = await AnsweredAsync(setupCommand());
            fake.Interactions.Permissions = memberPermissions;
            Assert.Contains("Daily question set up", Text(setup.Callbacks[0]), StringComparison.Ordinal);
            Assert.Equal(64, setup.Callbacks[0]["data"]!["flags"]!.GetValue<int>());

            // At 09:00 Quartz fires: the question is posted with its nonce, then its thread is started.
            clock.JumpTo(Morning.AddMinutes(1).AddSeconds(1));
            var post = await fake.WaitForMessageAsync(m => m["channel_id"]?.GetValue<string>() == ChannelId && m["nonce"] is not null, Wait);
            var messageId = post["id"]!.GetValue<string>();
            await fake.WaitForRequestAsync(r => r.Path == $"/channels/{ChannelId}/messages/{messageId}/threads", Wait);
            Assert.Contains(fake.Threads, t => t["name"]!.GetValue<string>() == "Q#1 · 2026-11-24");
            var postRequest = fake.Requests.First(r => r.Method == "POST" && r.Path == $"/channels/{ChannelId}/messages");
            Assert.True(postRequest.Json!["enforce_nonce"]!.GetValue<bool>());

            // The Answer button opens a form; submitting it credits the streak privately.
            var click = await AnsweredAsync(fake.Interactions.ButtonClick("answer:1", messageId));
            Assert.Equal(9, click.AcknowledgedWith);
            var formId = click.Callbacks[0]["data"]!["custom_id"]!.GetValue<string>();
            Assert.Equal(AnswerFlow.FormPrefix + "1", formId);
            var submit = await AnsweredAsync(fake.Interactions.ModalSubmit(formId, ("answer", "Two-tower retrieval, then a ranker trained on watch time.")));
            Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", Text(submit.Callbacks[0]), StringComparison.Ordinal);
            Assert.Equal(64, submit.Callbacks[0]["data"]!["flags"]!.GetValue<int>());

            // A reply in the question's thread counts too, confirmed with a reaction.
            var reply = fake.Interactions.ThreadMessageCreate(messageId, "", authorId: "1380000000000000777", username: "grace");
            await fake.DispatchAsync("MESSAGE_CREATE", reply);
            var reaction = await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.Contains("/reactions/", StringComparison.Ordinal), Wait);
            Assert.Equal($"/channels/{messageId}/messages/{reply["id"]}/reactions/✅/@me", reaction.Path);

            // Autocomplete: IANA zones and tool categories as a person types them.
            var zones = await AnsweredAsync(fake.Interactions.Autocomplete("timezone", "zone", "Europe/Ber"));
            Assert.Equal(8, zones.AcknowledgedWith);
            Assert.Contains(zones.Callbacks[0]["data"]!["choices"]!.AsArray(), c => c!["value"]!.GetValue<string>() == "Europe/Berlin");
            var tools = await AnsweredAsync(fake.Interactions.Autocomplete("tools", "category", "monit"));
            Assert.Equal("monitoring", tools.Callbacks[0]["data"]!["choices"]![0]!["value"]!.GetValue<string>());

            // The same INTERACTION_CREATE delivered again is answered once and credited once.
            await fake.DispatchAsync("INTERACTION_CREATE", submit.Payload.DeepClone());
            var streak = await AnsweredAsync(fake.Interactions.SlashCommand("streak"));
            Assert.Single(submit.Callbacks);
            Assert.Contains("Active days", streak.Callbacks[0]["data"]!["embeds"]![0]!["fields"]![2]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("1", streak.Callbacks[0]["data"]!["embeds"]![0]!["fields"]![2]!["value"]!.GetValue<string>());

            await host.StopAsync();
        }

        // A restart the same day: catch-up finds the post already sent and posts nothing.
        await using (var clock = new RunningClock(Morning.AddHours(2)))
        using (var host = BuildHost(clock))
        {
            await host.StartAsync();
            await fake.WaitForIdentifyAsync(1, Wait);
            var afterRestart = await AnsweredAsync(fake.Interactions.SlashCommand("streak"));
            Assert.Contains("Your streak", Text(afterRestart.Callbacks[0]), StringComparison.Ordinal);
            await host.StopAsync();
        }

        Assert.Single(fake.Requests, r => r.Method == "POST" && r.Path == $"/channels/{ChannelId}/messages");
        Assert.Empty(fake.SpecViolations);
        Assert.Equal(0, fake.TooManyRequestsSent);
    }

    [Fact]
    public async Task DailyPost_ChannelForbidden_PausesTheScheduleAndShowSaysWhy()
    {
        await using var clock = new RunningClock(Morning);
        using var host = BuildHost(clock);
        await host.StartAsync();
        await fake.WaitForRequestAsync(r => r.Method == "PUT", Wait);
        fake.Interactions.Permissions = "32";
        await AnsweredAsync(fake.Interactions.SlashCommand("setup", ("channel", 7, "1380000000000000999"), ("time", 3, "09:00"), ("timezone", 3, "UTC")));
        fake.ForbidChannel("1380000000000000999");

        var postNow = await AnsweredAsync(fake.Interactions.SlashCommand("schedule", ("action", 3, "post-now")));
        var show = await AnsweredAsync(fake.Interactions.SlashCommand("schedule", ("action", 3, "show")));
        await host.StopAsync();

        Assert.Contains("Could not post", Text(postNow.Callbacks[0]), StringComparison.Ordinal);
        var status = show.Callbacks[0]["data"]!["embeds"]![0]!["fields"]![0]!["value"]!.GetValue<string>();
        Assert.Contains("Paused", status, StringComparison.Ordinal);
        Assert.Contains("403", status, StringComparison.Ordinal);
        Assert.Single(fake.Requests, r => r.Method == "POST" && r.Path == "/channels/1380000000000000999/messages");
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task ImportQuestions_AttachedCsv_IsFetchedAndReported_AndBadFilesGetOneLine()
    {
        await using var clock = new RunningClock(Morning);
        using var host = BuildHost(clock);
        await host.StartAsync();
        var registration = await fake.WaitForRequestAsync(r => r.Method == "PUT", Wait);
        var import = registration.Json!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "import-questions")!;
        Assert.Equal(11, import["options"]![0]!["type"]!.GetValue<int>());
        fake.Interactions.Permissions = "32";
        var csv = "text,category,points\n"
            + "How would you roll back a bad model in production?,best-practices,Keep the previous model warm | Feature flags per model version | Alert on business metrics\n"
            + "Tiny,algorithms,\n";

        var imported = await AnsweredAsync(fake.Interactions.SlashCommandWithFile("import-questions", "file", "questions.csv", System.Text.Encoding.UTF8.GetBytes(csv)));
        var tooLarge = await AnsweredAsync(fake.Interactions.SlashCommandWithFile("import-questions", "file", "big.csv", [1, 2, 3], claimedSize: 10_000_000));
        var binary = await AnsweredAsync(fake.Interactions.SlashCommandWithFile("import-questions", "file", "model.bin", [0xff, 0xfe, 0x00, 0xc3]));
        var question = await AnsweredAsync(fake.Interactions.SlashCommand("question", ("id", 4, 1001)));
        await host.StopAsync();

        Assert.Contains("Added 1 question: Q#1001.", Text(imported.Callbacks[^1]), StringComparison.Ordinal);
        Assert.Contains("• line 3: The question text needs at least 15 characters (it has 4).", Text(imported.Callbacks[^1]), StringComparison.Ordinal);
        Assert.Contains("The file is too large (9766 KB); the most is 256 KB.", Text(tooLarge.Callbacks[^1]), StringComparison.Ordinal);
        Assert.Contains("The file is not UTF-8 text.", Text(binary.Callbacks[^1]), StringComparison.Ordinal);
        Assert.Contains("How would you roll back a bad model in production?", Text(question.Callbacks[^1]), StringComparison.Ordinal);
        Assert.Equal(2, fake.AttachmentDownloads);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task Welcome_NewMember_GetsTheOnboardingPingingOnlyThem()
    {
        await using var clock = new RunningClock(Morning);
        using var host = BuildHost(clock, "--Discord:WelcomeEnabled=true", "--Discord:WelcomeChannelId=1380000000000000555");
        await host.StartAsync();
        Assert.Equal(1 | 2, (await fake.WaitForIdentifyAsync(0, Wait))["intents"]!.GetValue<int>());

        await fake.DispatchAsync("GUILD_MEMBER_ADD", fake.Interactions.GuildMemberAdd("1380000000000000888", "newcomer"));
        var welcome = await fake.WaitForRequestAsync(r => r.Path == "/channels/1380000000000000555/messages", Wait);
        await host.StopAsync();

        Assert.Equal("Welcome, <@1380000000000000888>!", welcome.Json!["content"]!.GetValue<string>());
        Assert.Empty(welcome.Json["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("1380000000000000888", welcome.Json["allowed_mentions"]!["users"]![0]!.GetValue<string>());
        Assert.Equal("Welcome to the ML engineer study group", welcome.Json["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.Empty(fake.SpecViolations);
    }
}
