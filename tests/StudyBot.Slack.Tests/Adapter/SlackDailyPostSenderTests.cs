using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Slack.Adapter;
using StudyBot.Slack.Hosting;
using StudyBot.Slack.Tests.Fake;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Adapter;

/// <summary>
/// The daily post through the real Web API client against the fake Slack: exactly once, and channel problems named.
/// The clock runs, since the client spaces its calls by it.
/// </summary>
public sealed class SlackDailyPostSenderTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly InterviewQuestion Question = new(42, QuestionCategory.SystemDesign, "Design a recommendation system for a video platform.", "recommendations");

    private RunningClock clock = null!;
    private FakeSlack fake = null!;
    private ServiceProvider provider = null!;

    private SlackDailyPostSender Sender => provider.GetRequiredService<SlackDailyPostSender>();

    public async Task InitializeAsync()
    {
        clock = new RunningClock(Now);
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
        services.AddSingleton<SlackDailyPostSender>();
        provider = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await fake.DisposeAsync();
        await clock.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private DailyPost Post(string channel = "C0DAILY", string nonce = "0123456789abcdef0123456789abcdef") => new(
        new ServerSettings(SlackIds.Server(fake.TeamId), channel, new TimeOnly(9, 0), "Europe/Berlin", null, false, null, Now.AddDays(-1)),
        new DailySlot(SlackIds.Server(fake.TeamId), new DateOnly(2026, 11, 24), DailySlotStatus.Claimed, Question.Id, 1, nonce, null, clock.Time.GetUtcNow(), null),
        Question);

    [Fact]
    public async Task SendAsync_RetryOfAPostThatWasMade_FindsItAndPostsNothing()
    {
        var first = await Sender.SendAsync(Post(), CancellationToken.None);

        // The claim is still open (as when the first answer was lost): the retry sends the same slot again.
        var retry = await Sender.SendAsync(Post(), CancellationToken.None);

        Assert.Equal(DailyPostOutcome.Sent, first.Outcome);
        Assert.Equal(first, retry);
        Assert.Single(fake.Messages, m => m.Source == MessageSource.PostMessage);
        Assert.DoesNotContain(fake.Violations, v => v.Kind != ViolationKind.Advice);
    }

    [Fact]
    public async Task SendAsync_FirstTryOfAClaimMadeByThisProcess_PostsWithoutReadingHistory()
    {
        var result = await Sender.SendAsync(Post(), CancellationToken.None);

        Assert.Equal(DailyPostOutcome.Sent, result.Outcome);
        Assert.DoesNotContain(fake.Requests, r => r.Method == "conversations.history");
    }

    [Fact]
    public async Task SendAsync_AClaimFromBeforeThisProcessStarted_ReadsHistoryFirstAndFindsThePost()
    {
        // The last process claimed and posted at 07:59, then died before it recorded the post.
        var claimedBefore = Post() with { Slot = Post().Slot with { ClaimedAt = Now.AddMinutes(-1) } };
        var previousProcess = new SlackDailyPostSender(provider.GetRequiredService<StudyBot.Slack.Api.SlackWebApi>(), new FakeTimeProvider(Now.AddMinutes(-2)), NullLogger<SlackDailyPostSender>.Instance);
        var first = await previousProcess.SendAsync(claimedBefore, CancellationToken.None);

        var retry = await Sender.SendAsync(claimedBefore, CancellationToken.None);

        Assert.Equal(first, retry);
        Assert.Single(fake.Requests, r => r.Method == "conversations.history");
        Assert.Single(fake.Messages, m => m.Source == MessageSource.PostMessage);
    }

    [Fact]
    public async Task SendAsync_AnotherSlotInTheSameChannel_IsPosted()
    {
        await Sender.SendAsync(Post(nonce: "11111111111111111111111111111111"), CancellationToken.None);

        var second = await Sender.SendAsync(Post(nonce: "22222222222222222222222222222222"), CancellationToken.None);

        Assert.Equal(DailyPostOutcome.Sent, second.Outcome);
        Assert.Equal(2, fake.Messages.Count(m => m.Source == MessageSource.PostMessage));
    }

    [Fact]
    public async Task SendAsync_BotNotInTheChannel_ChannelUnavailableWithTheReason()
    {
        fake.Channel("C0PRIVATE").BotIsMember = false;

        var result = await Sender.SendAsync(Post("C0PRIVATE"), CancellationToken.None);

        Assert.Equal(DailyPostOutcome.ChannelUnavailable, result.Outcome);
        Assert.Contains("not_in_channel", result.Detail, StringComparison.Ordinal);
        Assert.Contains("/invite", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ChannelGone_ChannelUnavailable()
    {
        fake.Channel("C0GONE").Exists = false;

        var result = await Sender.SendAsync(Post("C0GONE"), CancellationToken.None);

        Assert.Equal(DailyPostOutcome.ChannelUnavailable, result.Outcome);
        Assert.Contains("channel_not_found", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlackFails_TransientAndTheClaimKept()
    {
        fake.FailNext(SlackMethods.ChatPostMessage, SlackFailure.Error("internal_error"));

        var result = await Sender.SendAsync(Post(), CancellationToken.None);

        Assert.Equal(DailyPostOutcome.TransientFailure, result.Outcome);
        Assert.DoesNotContain(fake.Messages, m => m.Source == MessageSource.PostMessage);
    }
}
