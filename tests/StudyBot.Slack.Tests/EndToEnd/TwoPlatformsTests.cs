using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Discord;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Slack.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Slack.Tests.EndToEnd;

/// <summary>
/// Discord and Slack in one process, each against its loopback fake: each platform's server is set up with its own
/// command, each gets exactly one daily post at its own time, and nothing of one reaches the other.
/// </summary>
public sealed class TwoPlatformsTests(ITestOutputHelper output) : IDisposable
{
    // 07:50 UTC; Discord posts at 08:30 UTC, Slack at 10:00 in Berlin (09:00 UTC).
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 7, 50, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const string SlackChannel = "C0DAILY";
    private const string SlackAdmin = "U0ADMIN";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-two-platforms-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task RealHost_DiscordAndSlack_OneScheduleEachAndNoCrossTalk()
    {
        await using var clock = new RunningClock(Morning);
        await using var discord = await FakeDiscord.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        slack.AddUser(new FakeSlackUser(SlackAdmin) { IsAdmin = true, Tz = "Europe/Berlin" });
        using var host = StudyBotHost.Build(
            [
                $"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}",
                $"--Discord:Token={discord.Token}",
                $"--Discord:ApiBaseUrl={discord.ApiBaseUrl}",
                $"--Discord:DevGuildId={discord.Interactions.GuildId}",
                $"--Slack:BotToken={slack.BotToken}",
                $"--Slack:AppToken={slack.AppToken}",
                $"--Slack:ApiBaseUrl={slack.ApiBaseUrl}",
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock.Time);
                builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
            });
        await host.StartAsync();
        await discord.WaitForIdentifyAsync(0, Wait);
        await slack.WaitForHelloAsync(0, Wait);

        // Discord: an admin sets 08:30 UTC. Slack: a workspace admin sets 10:00 Berlin.
        discord.Interactions.Permissions = "32";
        var discordChannel = discord.Interactions.ChannelId;
        var setup = await discord.DispatchInteractionAsync(discord.Interactions.SlashCommand("setup", ("channel", 7, discordChannel), ("time", 3, "08:30"), ("timezone", 3, "UTC")));
        await discord.WaitForRequestAsync(r => r.Path.StartsWith($"/interactions/{setup.Id}/", StringComparison.Ordinal), Wait);
        if (discord.Interaction(setup.Id)!.AcknowledgedWith == 5)
        {
            // Deferred on a slow machine: the reply follows as an edit of the original response.
            await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(setup.Token, StringComparison.Ordinal), Wait);
        }

        var slackSetup = await SlackReplies.CommandReplyAsync(slack, $"setup channel:<#{SlackChannel}|daily> time:10:00 timezone:Europe/Berlin", SlackAdmin, SlackChannel, Wait);
        Assert.Contains("10:00", slackSetup, StringComparison.Ordinal);

        var servers = await host.Services.GetRequiredService<IServerStore>().GetAllAsync(CancellationToken.None);
        Assert.Equal(
            [DiscordIds.Server(ulong.Parse(discord.Interactions.GuildId, System.Globalization.CultureInfo.InvariantCulture)), SlackIds.Server(slack.TeamId)],
            servers.Select(s => s.ServerId).Order(StringComparer.Ordinal));

        // 08:30 UTC: only Discord posts.
        clock.JumpTo(new DateTimeOffset(2026, 11, 24, 8, 30, 1, TimeSpan.Zero));
        await discord.WaitForMessageAsync(m => m["channel_id"]?.GetValue<string>() == discordChannel && m["nonce"] is not null, Wait);
        Assert.DoesNotContain(slack.Messages, m => m.Source == MessageSource.PostMessage);

        // 10:00 Berlin: only Slack posts, and Discord's post stays the only one there.
        clock.JumpTo(new DateTimeOffset(2026, 11, 24, 9, 0, 1, TimeSpan.Zero));
        var slackPost = await slack.WaitForMessageAsync(m => m.Channel == SlackChannel && m.Source == MessageSource.PostMessage, Wait);
        Assert.StartsWith("Daily question", slackPost.Text, StringComparison.Ordinal);

        // Each platform's slots are its own: one per server and date, none under the other's id.
        var posts = host.Services.GetRequiredService<IDailyPostStore>();
        var slackSlots = await posts.GetHistoryAsync(SlackIds.Server(slack.TeamId), CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 11, 24), Assert.Single(slackSlots).LocalDate);
        Assert.Single(slack.Messages, m => m.Source == MessageSource.PostMessage);
        Assert.Single(discord.Requests, r => r.Method == "POST" && r.Path == $"/channels/{discordChannel}/messages");
        Assert.DoesNotContain(discord.Requests, r => r.Path.Contains(SlackChannel, StringComparison.Ordinal));
        await host.StopAsync();
    }
}
