using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Streaks;
using StudyBot.Slack.Adapter;
using StudyBot.Slack.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Slack.Tests.EndToEnd;

/// <summary>
/// The real host (Worker + LiteDB temp file + Quartz + the Slack adapter) against the loopback fake Slack: the slash
/// command, setup by a workspace admin, the timed post with its Answer button, the modal, the credit on the member's
/// Slack zone, a redelivered submission counted once, a thread reply, and a revoked token.
/// </summary>
public sealed class SlackHostTests(ITestOutputHelper output) : IDisposable
{
    // 07:50 UTC is 08:50 in Berlin, ten minutes before the daily post.
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 7, 50, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const string Answer = "Two-tower retrieval with an ANN index, then a ranking model on rich features.";
    private const string Channel = "C0DAILY";
    private const string Admin = "U0ADMIN";
    private const string Learner = "U0LEARNER";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-slack-e2e-");

    public void Dispose() => folder.Delete(recursive: true);

    // The fake keeps real time, as the fake Discord does: on the bot's jumping clock its own timers (ack deadlines,
    // redeliveries, rate windows) would fire on that clock's ticking thread, among the bot's.
    private static async Task<FakeSlack> StartFakeAsync()
    {
        var fake = await FakeSlack.StartAsync();
        fake.AddUser(new FakeSlackUser(Admin) { IsAdmin = true, RealName = "Grace Admin", Tz = "Europe/Berlin" });

        // The learner's Slack profile is in Tokyo: their day follows it, not the workspace's Berlin.
        fake.AddUser(new FakeSlackUser(Learner) { RealName = "Ada Learner", Tz = "Asia/Tokyo" });
        return fake;
    }

    private IHost BuildHost(FakeSlack fake, RunningClock clock, params string[] extra) =>
        StudyBotHost.Build(
            [
                $"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}",
                $"--Slack:BotToken={fake.BotToken}",
                $"--Slack:AppToken={fake.AppToken}",
                $"--Slack:ApiBaseUrl={fake.ApiBaseUrl}",
                .. extra,
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock.Time);
                builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
            });

    private static Task<string> CommandAsync(FakeSlack fake, string text, string user) =>
        SlackReplies.CommandReplyAsync(fake, text, user, Channel, Wait);

    [Fact]
    public async Task RealHost_SlackDay_CommandSetupPostModalCreditAndThreadReply()
    {
        await using var clock = new RunningClock(Morning);
        await using var fake = await StartFakeAsync();
        using var host = await StartConnectedAsync(fake, clock, "--Slack:CountThreadReplies=true");

        // A lookup is answered in the slash command's own acknowledgement.
        Assert.Contains("Phase 2", await CommandAsync(fake, "roadmap phase:2", Learner), StringComparison.Ordinal);

        // Setup is for workspace admins; the channel arrives escaped, as Slack sends it.
        var setup = $"setup channel:<#{Channel}|daily> time:09:00 timezone:Europe/Berlin";
        Assert.Contains("admins", await CommandAsync(fake, setup, Learner), StringComparison.Ordinal);
        Assert.Contains("09:00", await CommandAsync(fake, setup, Admin), StringComparison.Ordinal);

        // At 09:00 Berlin the question is posted with its Answer button.
        clock.JumpTo(new DateTimeOffset(2026, 11, 24, 8, 0, 1, TimeSpan.Zero));
        var post = await fake.WaitForMessageAsync(m => m.Channel == Channel && m.Source == MessageSource.PostMessage, Wait);
        Assert.StartsWith("answer:", FirstActionId(post), StringComparison.Ordinal);

        // The button opens the form; its submission counts on the learner's Tokyo date (17:00 there).
        await (await fake.PushAsync(fake.Payloads.BlockActions(post, FirstActionId(post), Learner))).WaitForAckAsync(Wait);
        var view = await fake.WaitForViewAsync(v => v.UserId == Learner, Wait);
        var submission = fake.Payloads.ViewSubmission(view, ("answer", "answer_text", Answer));
        await (await fake.PushAsync(submission)).WaitForAckAsync(Wait);
        var confirmation = await fake.WaitForMessageAsync(m => m.EphemeralTo == Learner && m.Text.Contains("Counted for", StringComparison.Ordinal), Wait);
        Assert.Contains("2026-11-24 (Asia/Tokyo)", confirmation.Text, StringComparison.Ordinal);

        // The same submission delivered again is one credit.
        await (await fake.PushAsync(fake.Payloads.ViewSubmission(view, ("answer", "answer_text", Answer)))).WaitForAckAsync(Wait);
        await fake.WaitForMessageAsync(m => m.EphemeralTo == Learner && m.Text.Contains("already recorded", StringComparison.Ordinal), Wait);
        var members = host.Services.GetRequiredService<IMemberStore>();
        var server = SlackIds.Server(fake.TeamId);
        Assert.Equal(1, await members.CountAnswersAsync(server, Learner, new DateOnly(2026, 11, 24), CancellationToken.None));

        // A reply in the question's thread counts for another member, confirmed with a reaction.
        await fake.PushAsync(fake.Payloads.MessageEvent(Answer, Channel, Admin, threadTs: post.Ts));
        await fake.WaitForReactionAsync(null, Wait);
        Assert.Equal(1, (await members.GetMemberAsync(server, Admin, CancellationToken.None))?.Streak.TotalDays);

        Assert.DoesNotContain(fake.Violations, v => v.Kind != ViolationKind.Advice);
        await host.StopAsync();
    }

    [Fact]
    public async Task RealHost_RefreshRequestedThenARedeliveredEvent_ServedOnTheNewConnectionAndCreditedOnce()
    {
        await using var clock = new RunningClock(Morning);
        await using var fake = await StartFakeAsync();
        using var host = await StartConnectedAsync(fake, clock, "--Slack:CountThreadReplies=true");
        await CommandAsync(fake, $"setup channel:<#{Channel}|daily> time:09:00 timezone:Europe/Berlin", Admin);
        await CommandAsync(fake, "schedule action:post-now", Admin);
        var post = await fake.WaitForMessageAsync(m => m.Channel == Channel && m.Source == MessageSource.PostMessage, Wait);

        // Slack asks for a fresh connection: the bot opens the next one before the old one closes, and serves on it.
        var first = fake.Connections[0];
        // Slack refreshes after hours; here it is a minute after the first connection, so the bot's budget for
        // apps.connections.open (Tier 1, one a minute) is spent: its clock jumps past the minute.
        await fake.SendDisconnectAsync(DisconnectReasons.RefreshRequested, first);
        clock.JumpTo(clock.Time.GetUtcNow() + TimeSpan.FromSeconds(61));
        var second = await fake.WaitForHelloAsync(1, Wait);
        Assert.True(first.IsOpen, "the old connection was let go before the next one said hello");
        var answered = await fake.PushAsync(fake.Payloads.SlashCommand("/study", "roadmap phase:1", Learner, Channel), second);
        Assert.Contains("Phase 1", (await answered.WaitForAckAsync(Wait)).Payload?.ToJsonString() ?? "", StringComparison.Ordinal);

        // A thread reply whose ack Slack counted as late comes again (a new envelope, the same event_id): one credit.
        var reply = await fake.PushAsync(fake.Payloads.MessageEvent(Answer, Channel, Learner, threadTs: post.Ts));
        await fake.WaitForReactionAsync(null, Wait);
        await fake.RedeliverAsync(reply);
        await fake.WaitForAckAsync(a => a.EnvelopeId == reply.Deliveries[^1].EnvelopeId, Wait);

        var members = host.Services.GetRequiredService<IMemberStore>();
        var learner = await members.GetMemberAsync(SlackIds.Server(fake.TeamId), Learner, CancellationToken.None);
        Assert.Equal(2, reply.Deliveries.Count);
        Assert.Equal(1, learner?.Streak.TotalDays);
        Assert.Single(fake.Reactions);
        await host.StopAsync();
    }

    [Fact]
    public async Task RealHost_RevokedToken_StopsWithExitCode3AndNeverRetries()
    {
        await using var clock = new RunningClock(Morning);
        await using var fake = await StartFakeAsync();
        fake.RevokeToken(fake.BotToken);
        using var host = BuildHost(fake, clock);
        try
        {
            try
            {
                await host.StartAsync();
            }
            catch (OperationCanceledException)
            {
                // Slack refused the token before the rest of the host had started: the start is cut short.
            }

            await host.WaitForShutdownAsync().WaitAsync(Wait);

            Assert.Equal(SlackBotService.FatalExitCode, Environment.ExitCode);
            Assert.Single(fake.Requests, r => r.Method == "auth.test");
            Assert.DoesNotContain(fake.Requests, r => r.Method == "apps.connections.open");
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    private async Task<IHost> StartConnectedAsync(FakeSlack fake, RunningClock clock, params string[] extra)
    {
        var host = BuildHost(fake, clock, extra);
        await host.StartAsync();
        await fake.WaitForHelloAsync(0, Wait);
        await ConnectedAsync(host);
        return host;
    }

    /// <summary>Until the bot has taken the hello in, as a Slack user could not type before the app is up.</summary>
    private static async Task ConnectedAsync(IHost host)
    {
        var client = host.Services.GetRequiredService<StudyBot.Slack.Socket.SocketModeClient>();
        using var timeout = new CancellationTokenSource(Wait);
        while (!client.IsConnected)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static string FirstActionId(FakeSlackMessage post) =>
        post.Blocks!.SelectMany(b => b!["elements"]?.AsArray() ?? []).Select(e => e!["action_id"]?.GetValue<string>()).First(id => id is not null)!;
}
