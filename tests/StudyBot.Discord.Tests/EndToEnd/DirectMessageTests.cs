using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Actions;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Discord.Tests.EndToEnd;

/// <summary>
/// Interactions from a member's DM with the bot (no guild_id, user instead of member), through the real host and the
/// fake Discord: a reminder-style Answer button bound to the server opens the form, its submission counts for that
/// server, and the rating buttons under the confirmation work in the DM too; commands and unbound buttons get one line.
/// </summary>
public sealed class DirectMessageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 59, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-dm-");
    private FakeDiscord fake = null!;

    private string ServerId => "discord:" + fake.Interactions.GuildId;

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private IHost BuildHost(RunningClock clock) =>
        StudyBotHost.Build(
            [
                $"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}",
                $"--Discord:Token={fake.Token}",
                $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
                $"--Discord:DevGuildId={fake.Interactions.GuildId}",
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
        string.Join('\n', callback["data"]?["embeds"]?.AsArray().Select(e => $"{e!["title"]}\n{e["description"]}\n{string.Join('\n', e["fields"]?.AsArray().Select(f => f!["value"]) ?? [])}") ?? []);

    private static List<string> ButtonIds(JsonObject callback) =>
        [.. callback["data"]?["components"]?.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(b => b!["custom_id"]!.GetValue<string>()) ?? []];

    /// <summary>An admin sets the server up for 09:00 UTC and posts today's question (Q#1) now.</summary>
    private async Task PostTodayAsync()
    {
        await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Wait);
        var memberPermissions = fake.Interactions.Permissions;
        fake.Interactions.Permissions = "32";
        await AnsweredAsync(fake.Interactions.SlashCommand("setup", ("channel", 7, fake.Interactions.ChannelId), ("time", 3, "09:00"), ("timezone", 3, "UTC")));
        await AnsweredAsync(fake.Interactions.SlashCommand("schedule", ("action", 3, "post-now")));
        fake.Interactions.Permissions = memberPermissions;
    }

    [Fact]
    public async Task AnswerButtonInDm_BoundToTheServer_OpensTheForm_CountsForTheServer_AndRatesInTheDm()
    {
        await using var clock = new RunningClock(Morning.AddHours(1));
        using var host = BuildHost(clock);
        await host.StartAsync();
        await PostTodayAsync();
        var admin = fake.Interactions.Permissions;
        fake.Interactions.Permissions = "32";
        await AnsweredAsync(fake.Interactions.SlashCommand("milestones", ("action", 3, "set"), ("days", 4, 1), ("role", 8, "1450000000000000001")));
        fake.Interactions.Permissions = admin;

        // What a reminder sends: the daily question with its Answer button bound to the server.
        var reminder = DiscordMessageRenderer.RenderDirect(
            Reply.Info("Reminder", "Q#1").WithButtons(new ReplyButton("Answer", DailyPostReply.AnswerActionPrefix + "1")), ServerId);
        Assert.False(reminder.ContainsKey("flags"));
        var answerId = reminder["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        Assert.Equal($"@{ServerId}|answer:1", answerId);

        var click = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.ButtonClick(answerId)));
        Assert.Equal(9, click.AcknowledgedWith);
        var formId = click.Callbacks[0]["data"]!["custom_id"]!.GetValue<string>();
        Assert.Equal($"@{ServerId}|answer-form:1", formId);

        var submit = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.ModalSubmit(formId, ("answer", "Two-tower retrieval, then a ranker trained on watch time."))));
        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", Text(submit.Callbacks[0]), StringComparison.Ordinal);

        // The answer from the DM reached the 1-day milestone: its role is given in the server.
        var granted = await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.Contains("/roles/", StringComparison.Ordinal), Wait);
        Assert.Equal($"/guilds/{fake.Interactions.GuildId}/members/{fake.Interactions.UserId}/roles/1450000000000000001", granted.Path);
        var ratings = ButtonIds(submit.Callbacks[0]);
        Assert.Contains($"@{ServerId}|rate:1:got", ratings);
        Assert.All(ratings, id => Assert.True(id.Length <= ActionScope.MaxLength, id));

        var rated = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.ButtonClick($"@{ServerId}|rate:1:got")));
        Assert.NotEqual("Not quite", ButtonTitle(rated));
        Assert.Contains("Got it", Text(rated.Callbacks[0]), StringComparison.Ordinal);

        // The DM credit is the server's: /streak there shows it.
        var streak = await AnsweredAsync(fake.Interactions.SlashCommand("streak"));
        await host.StopAsync();

        Assert.Equal("1", streak.Callbacks[0]["data"]!["embeds"]![0]!["fields"]![2]!["value"]!.GetValue<string>());
        Assert.Empty(fake.SpecViolations);
    }

    private static string? ButtonTitle(FakeInteraction interaction) => interaction.Callbacks[0]["data"]?["embeds"]?[0]?["title"]?.GetValue<string>();

    [Fact]
    public async Task CommandsAndUnboundButtonsInDm_GetOneClearLine()
    {
        await using var clock = new RunningClock(Morning.AddHours(1));
        using var host = BuildHost(clock);
        await host.StartAsync();
        await PostTodayAsync();

        var command = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.SlashCommand("streak")));
        var unbound = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.ButtonClick("answer:1")));
        var otherPlatform = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.ButtonClick("@slack:T1|answer:1")));
        var autocomplete = await AnsweredAsync(fake.Interactions.InDm(fake.Interactions.Autocomplete("timezone", "zone", "Europe/Ber")));
        await host.StopAsync();

        Assert.Contains(InteractionHandler.DirectCommandText, Text(command.Callbacks[0]), StringComparison.Ordinal);
        Assert.Contains(InteractionHandler.DirectUnboundText, Text(unbound.Callbacks[0]), StringComparison.Ordinal);
        Assert.Contains(InteractionHandler.DirectUnboundText, Text(otherPlatform.Callbacks[0]), StringComparison.Ordinal);
        Assert.Equal(8, autocomplete.AcknowledgedWith);
        Assert.Empty(autocomplete.Callbacks[0]["data"]!["choices"]!.AsArray());
        Assert.Empty(fake.SpecViolations);
    }
}
