using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Reminders;
using StudyBot.Slack.Adapter;
using StudyBot.Slack.Hosting;
using StudyBot.Slack.Tests.Fake;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Adapter;

/// <summary>Reminders as DMs from the bot, through the real Web API client against the fake Slack.</summary>
public sealed class SlackReminderSenderTests : IAsyncLifetime, IAsyncDisposable
{
    private RunningClock clock = null!;
    private FakeSlack fake = null!;
    private ServiceProvider provider = null!;

    private SlackReminderSender Sender => provider.GetRequiredService<SlackReminderSender>();

    public async Task InitializeAsync()
    {
        clock = new RunningClock(new DateTimeOffset(2026, 11, 24, 19, 0, 0, TimeSpan.Zero));
        fake = await FakeSlack.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = fake.BotToken,
            ["Slack:AppToken"] = fake.AppToken,
            ["Slack:ApiBaseUrl"] = fake.ApiBaseUrl,
        }).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock.Time);
        services.AddStudyBotSlackClient(configuration);
        services.AddSingleton<SlackReminderSender>();
        provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await fake.DisposeAsync();
        await clock.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private ReminderMessage Message(string user) => new(
        SlackIds.Server(fake.TeamId),
        user,
        new Reply("Reminder · Daily question", "Design a recommendation system.", [], [new ReplyButton("Answer", "answer:42")], ReplyVisibility.Private, ReplyTone.Info));

    [Fact]
    public async Task SendAsync_OpensTheDm_AndPostsTheQuestionThere()
    {
        var result = await Sender.SendAsync(Message(FakeSlack.DefaultUserId), CancellationToken.None);

        Assert.Equal(ReminderOutcome.Sent, result.Outcome);
        var dm = fake.DirectMessageChannelOf(FakeSlack.DefaultUserId);
        var message = Assert.Single(fake.Messages, m => m.Channel == dm);
        Assert.Contains("answer:42", message.Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, "cannot_dm_bot")]
    [InlineData(false, true, "user_disabled")]
    public async Task SendAsync_MemberCannotBeMessaged_IsUnreachable(bool bot, bool deleted, string error)
    {
        fake.AddUser(new FakeSlackUser("U0OTHER01") { IsBot = bot, Deleted = deleted });

        var result = await Sender.SendAsync(Message("U0OTHER01"), CancellationToken.None);

        Assert.Equal(ReminderOutcome.Unreachable, result.Outcome);
        Assert.Contains(error, result.Detail, StringComparison.Ordinal);
        Assert.Empty(fake.Messages);
    }
}
