using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Tests.Fakes;
using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Daily;

public class DailyQuestionServiceTests
{
    private const string Server = "discord:1100000000000000001";

    /// <summary>A server of a platform this process runs no adapter for (unless a test adds its sender).</summary>
    private const string SlackServer = "slack:T0123ABCD";
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly Nov24 = new(2026, 11, 24);

    private readonly FakeTimeProvider time = new(At("2026-01-01T00:00:00Z"));
    private readonly InMemoryServerStore servers = new();
    private readonly InMemoryDailyPostStore posts = new();
    private readonly InMemoryServerQuestionStore own = new();
    private readonly RecordingDailyPostSender sender = new("discord");
    private readonly List<IDailyPostSender> senders = [];

    public DailyQuestionServiceTests()
    {
        senders.Add(sender);
    }
    private readonly RecordingScheduleRegistry registry = new();

    [Fact]
    public void Constructor_TwoSendersForOnePlatform_RefusesNamingThePlatform()
    {
        senders.Add(new RecordingDailyPostSender("discord"));

        var refused = Assert.Throws<InvalidOperationException>(() => NewService());

        Assert.Contains("platform 'discord'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunScheduledAsync_TwiceOnOneLocalDate_PostsOnceThenAlreadyPosted()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T08:00:00Z")); // 09:00 in Berlin
        var service = NewService();

        var first = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal(DailyRunOutcome.Posted, first.Outcome);
        Assert.Equal(Nov24, first.Slot!.LocalDate);
        Assert.Equal(DailySlotStatus.Sent, (await posts.GetAsync(Server, Nov24, default))!.Status);
        Assert.Equal("message-1", (await posts.GetAsync(Server, Nov24, default))!.MessageId);
        Assert.Equal(DailyRunOutcome.AlreadyPosted, second.Outcome);
        Assert.Single(sender.Attempts);
    }

    [Fact]
    public async Task RunScheduledAsync_NextLocalDate_PostsADifferentQuestion()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var service = NewService();

        await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        time.Advance(TimeSpan.FromDays(1));
        var next = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal(DailyRunOutcome.Posted, next.Outcome);
        Assert.Equal(Nov24.AddDays(1), next.Slot!.LocalDate);
        Assert.NotEqual(sender.Sent[0].Question.Id, sender.Sent[1].Question.Id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunScheduledAsync_TransientFailureThenRetry_ReusesClaimQuestionAndNonce(bool senderThrows)
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        if (senderThrows)
        {
            sender.ThrowNext(new HttpRequestException("connection reset"));
        }
        else
        {
            sender.FailNext(DailyPostOutcome.TransientFailure, "503 from the platform");
        }

        var service = NewService();

        var failed = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        var claim = await posts.GetAsync(Server, Nov24, default);
        time.Advance(TimeSpan.FromMinutes(1));
        var retried = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal(DailyRunOutcome.Failed, failed.Outcome);
        Assert.Equal(DailySlotStatus.Claimed, claim!.Status);
        Assert.Equal(DailyRunOutcome.Posted, retried.Outcome);
        Assert.Equal(2, sender.Attempts.Count);
        Assert.Equal(sender.Attempts[0].Question.Id, sender.Attempts[1].Question.Id);
        Assert.Equal(sender.Attempts[0].Slot.Nonce, sender.Attempts[1].Slot.Nonce);
        Assert.Equal(claim.Nonce, sender.Attempts[1].Slot.Nonce);
        Assert.Equal(1, posts.StoredClaims);
    }

    [Fact]
    public async Task CatchUpAsync_RestartBetweenClaimAndSend_SendsTheClaimedQuestionOnce()
    {
        await Configure("09:00");
        var claimed = new DailySlot(Server, Nov24, DailySlotStatus.Claimed, 17, 1, "nonce-from-before-restart", null, At("2026-11-24T08:00:00Z"), null);
        await posts.ClaimAsync(claimed, default);
        time.SetUtcNow(At("2026-11-24T08:20:00Z"));

        var afterRestart = NewService();
        var results = await afterRestart.CatchUpAsync(default);
        var again = await NewService().CatchUpAsync(default);

        Assert.Equal(DailyRunOutcome.Posted, Assert.Single(results).Outcome);
        var post = Assert.Single(sender.Attempts);
        Assert.Equal(17, post.Question.Id);
        Assert.Equal("nonce-from-before-restart", post.Slot.Nonce);
        Assert.Equal(DailyRunOutcome.AlreadyPosted, Assert.Single(again).Outcome);
        Assert.Single(sender.Attempts);
    }

    [Fact]
    public async Task CatchUpAsync_DowntimeWithinWindow_PostsTodaysQuestion()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T13:59:00Z")); // 14:59 in Berlin: 5h59 after the post time

        var result = Assert.Single(await NewService().CatchUpAsync(default));

        Assert.Equal(DailyRunOutcome.Posted, result.Outcome);
        Assert.Equal(Nov24, result.Slot!.LocalDate);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task CatchUpAsync_DowntimeBeyondWindow_RecordsMissedWithoutPosting()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T14:01:00Z")); // 6h01 after the post time

        var result = Assert.Single(await NewService().CatchUpAsync(default));

        Assert.Equal(DailyRunOutcome.Missed, result.Outcome);
        Assert.Equal(DailySlotStatus.Missed, (await posts.GetAsync(Server, Nov24, default))!.Status);
        Assert.Empty(sender.Attempts);
    }

    [Fact]
    public async Task CatchUpAsync_StaleClaimBeyondWindow_MarkedMissedAndNotSent()
    {
        await Configure("09:00");
        await posts.ClaimAsync(new DailySlot(Server, Nov24, DailySlotStatus.Claimed, 17, 1, "n", null, At("2026-11-24T08:00:00Z"), null), default);
        time.SetUtcNow(At("2026-11-24T20:00:00Z"));

        var result = Assert.Single(await NewService().CatchUpAsync(default));

        Assert.Equal(DailyRunOutcome.Missed, result.Outcome);
        Assert.Equal(DailySlotStatus.Missed, (await posts.GetAsync(Server, Nov24, default))!.Status);
        Assert.Empty(sender.Attempts);
    }

    [Fact]
    public async Task CatchUpAsync_YesterdaysPostTimeWithinWindow_PostsForYesterdaysDate()
    {
        await Configure("23:00");
        time.SetUtcNow(At("2026-11-25T00:00:00Z")); // 01:00 on the 25th in Berlin; the 24th's 23:00 was 2 hours ago

        var result = Assert.Single(await NewService().CatchUpAsync(default));

        Assert.Equal(DailyRunOutcome.Posted, result.Outcome);
        Assert.Equal(Nov24, result.Slot!.LocalDate);
        Assert.Equal(Nov24, Assert.Single(sender.Sent).Slot.LocalDate);
    }

    [Fact]
    public async Task CatchUpAsync_ConfiguredAfterTodaysPostTime_NotDue()
    {
        await Configure("09:00", configuredAt: At("2026-11-24T09:00:00Z")); // set up at 10:00 local, after 09:00
        time.SetUtcNow(At("2026-11-24T10:00:00Z"));

        var result = Assert.Single(await NewService().CatchUpAsync(default));

        Assert.Equal(DailyRunOutcome.NotDue, result.Outcome);
        Assert.Empty(sender.Attempts);
        Assert.Null(await posts.GetAsync(Server, Nov24, default));
    }

    [Fact]
    public async Task RunScheduledAsync_ChannelUnavailable_PausesServerWithReasonAndStopsPosting()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        sender.FailNext(DailyPostOutcome.ChannelUnavailable, "403 Missing Access");
        var service = NewService();

        var result = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        time.Advance(TimeSpan.FromDays(1));
        var nextDay = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal(DailyRunOutcome.ChannelUnavailable, result.Outcome);
        var settings = await servers.GetAsync(Server, default);
        Assert.True(settings!.Paused);
        Assert.Contains("403 Missing Access", settings.PausedReason, StringComparison.Ordinal);
        Assert.True(registry.Applied[Server].Paused);
        Assert.Equal(DailyRunOutcome.Paused, nextDay.Outcome);
        Assert.Single(sender.Attempts);
    }

    [Fact]
    public async Task RunScheduledAsync_PausedServer_DoesNotPost()
    {
        await Configure("09:00");
        var service = NewService();
        await service.PauseAsync(Server, "Paused by Grace.", default);
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));

        var result = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal(DailyRunOutcome.Paused, result.Outcome);
        Assert.Equal("Paused by Grace.", result.Detail);
        Assert.Empty(sender.Attempts);
        Assert.Null(await posts.GetAsync(Server, Nov24, default));
    }

    [Fact]
    public async Task RunScheduledAsync_UnknownServer_NotConfigured()
    {
        var result = await NewService().RunScheduledAsync("discord:1100000000000000042", null, default);

        Assert.Equal(DailyRunOutcome.NotConfigured, result.Outcome);
        Assert.Empty(sender.Attempts);
    }

    [Fact]
    public async Task PostNowAsync_AlreadyPostedToday_AlreadyPostedAndNothingSent()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var service = NewService();
        await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        time.Advance(TimeSpan.FromHours(2));

        var result = await service.PostNowAsync(Server, default);

        Assert.Equal(DailyRunOutcome.AlreadyPosted, result.Outcome);
        Assert.Single(sender.Attempts);
    }

    [Fact]
    public async Task PostNowAsync_BeforeTodaysTime_PostsTodayAndTheScheduledRunDoesNotPostAgain()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T06:00:00Z")); // 07:00 in Berlin
        var service = NewService();

        var now = await service.PostNowAsync(Server, default);
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var scheduled = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal((DailyRunOutcome.Posted, Nov24), (now.Outcome, now.Slot!.LocalDate));
        Assert.Equal(DailyRunOutcome.AlreadyPosted, scheduled.Outcome);
        Assert.Single(sender.Attempts);
    }

    [Theory]
    [InlineData("2026-11-24T07:00:00Z", "2026-11-24")] // 08:00 in Berlin: today's 09:00 is still ahead
    [InlineData("2026-11-24T09:00:00Z", "2026-11-25")] // 10:00 in Berlin: today's is past, so tomorrow
    public async Task SkipNextAsync_SkipsNextDateAndTheScheduledRunDoesNotPost(string now, string expected)
    {
        await Configure("09:00");
        time.SetUtcNow(At(now));
        var service = NewService();
        var expectedDate = DateOnly.Parse(expected, CultureInfo.InvariantCulture);

        var skipped = await service.SkipNextAsync(Server, default);
        var runAt = TimeZones.ToInstant(expectedDate, new TimeOnly(9, 0), Berlin);
        time.SetUtcNow(runAt);
        var run = await service.RunScheduledAsync(Server, runAt, default);

        Assert.Equal(expectedDate, skipped);
        Assert.Equal(DailyRunOutcome.Skipped, run.Outcome);
        Assert.Empty(sender.Attempts);
    }

    [Fact]
    public async Task SkipNextAsync_Twice_SkipsTheFollowingDayToo()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T07:00:00Z"));
        var service = NewService();

        var first = await service.SkipNextAsync(Server, default);
        var second = await service.SkipNextAsync(Server, default);

        Assert.Equal(Nov24, first);
        Assert.Equal(Nov24.AddDays(1), second);
    }

    [Fact]
    public async Task ResumeAsync_PendingSkip_ClearedAndTheScheduledRunPosts()
    {
        await Configure("09:00", configuredAt: At("2026-11-24T06:00:00Z")); // set up this morning: no earlier day is due
        time.SetUtcNow(At("2026-11-24T07:00:00Z"));
        var service = NewService();
        await service.SkipNextAsync(Server, default);
        await service.PauseAsync(Server, "Paused by Grace.", default);

        var resumed = await service.ResumeAsync(Server, default);
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var run = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);

        Assert.Equal(DailyRunOutcome.NotDue, resumed!.Outcome); // before 09:00 there is nothing to catch up
        Assert.False((await servers.GetAsync(Server, default))!.Paused);
        Assert.False(registry.Applied[Server].Paused);
        Assert.Equal(DailyRunOutcome.Posted, run.Outcome);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task ResumeAsync_PausedOverTodaysTimeWithinWindow_PostsNow()
    {
        await Configure("09:00");
        var service = NewService();
        await service.PauseAsync(Server, "Paused by Grace.", default);
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        time.SetUtcNow(At("2026-11-24T10:00:00Z"));

        var resumed = await service.ResumeAsync(Server, default);

        Assert.Equal(DailyRunOutcome.Posted, resumed!.Outcome);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task RunScheduledAsync_BerlinSpringForwardWithPostTimeInTheGap_NextRunAndPostAgree()
    {
        // 02:30 does not exist in Berlin on 2026-03-29: clocks go from 02:00 CET to 03:00 CEST (01:00Z).
        await Configure("02:30", configuredAt: At("2026-03-01T00:00:00Z"));
        time.SetUtcNow(At("2026-03-29T00:30:00Z")); // 01:30 CET
        var service = NewService();
        var settings = (await servers.GetAsync(Server, default))!;
        var day = new DateOnly(2026, 3, 29);

        var next = service.NextRunDates(settings, 3);
        var fireAt = TimeZones.ToInstant(day, settings.PostTime, Berlin);
        time.SetUtcNow(fireAt);
        var run = await service.RunScheduledAsync(Server, fireAt, default);
        time.Advance(TimeSpan.FromMinutes(30));
        var catchUp = Assert.Single(await service.CatchUpAsync(default));

        Assert.Equal([day, day.AddDays(1), day.AddDays(2)], next);
        Assert.Equal(At("2026-03-29T01:00:00Z"), fireAt);
        Assert.Equal((DailyRunOutcome.Posted, day), (run.Outcome, run.Slot!.LocalDate));
        Assert.Equal(DailyRunOutcome.AlreadyPosted, catchUp.Outcome);
        Assert.Single(sender.Attempts);
    }

    [Fact]
    public async Task NextRunDates_AfterTodaysTime_StartsTomorrow()
    {
        await Configure("09:00");
        time.SetUtcNow(At("2026-11-24T08:00:01Z"));

        var next = NewService().NextRunDates((await servers.GetAsync(Server, default))!, 2);

        Assert.Equal([Nov24.AddDays(1), Nov24.AddDays(2)], next);
    }

    [Fact]
    public async Task RunScheduledAsync_NewClaim_NonceIsA32CharacterTokenOfItsOwn()
    {
        await Configure("09:00");
        await Configure("09:00", serverId: "discord:1100000000000000002");
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var service = NewService();

        var first = await service.RunScheduledAsync(Server, time.GetUtcNow(), default);
        var other = await service.RunScheduledAsync("discord:1100000000000000002", time.GetUtcNow(), default);

        Assert.Matches("^[0-9a-f]{32}$", first.Slot!.Nonce);
        Assert.Matches("^[0-9a-f]{32}$", other.Slot!.Nonce);
        Assert.NotEqual(first.Slot.Nonce, other.Slot.Nonce);
    }

    [Fact]
    public async Task RunScheduledAsync_ServerOfAPlatformWithoutSender_PlatformNotRunningAndNothingClaimed()
    {
        await Configure("09:00", serverId: SlackServer);
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var service = NewService();

        var scheduled = await service.RunScheduledAsync(SlackServer, time.GetUtcNow(), default);
        var now = await service.PostNowAsync(SlackServer, default);

        Assert.Equal(DailyRunOutcome.PlatformNotRunning, scheduled.Outcome);
        Assert.Equal(DailyRunOutcome.PlatformNotRunning, now.Outcome);
        Assert.Contains("slack", scheduled.Detail, StringComparison.Ordinal);
        Assert.False(service.Serves(SlackServer));
        Assert.True(service.Serves(Server));
        Assert.Empty(await posts.GetHistoryAsync(SlackServer, default));
        Assert.Equal(0, posts.StoredClaims);
        Assert.Empty(sender.Attempts);
    }

    [Fact]
    public async Task CatchUpAsync_ServerOfAPlatformWithoutSender_LeftForWhenItRuns()
    {
        await Configure("09:00");
        await Configure("09:00", serverId: SlackServer);
        time.SetUtcNow(At("2026-11-24T13:00:00Z")); // 14:00 in Berlin: both are due within the window

        var result = Assert.Single(await NewService().CatchUpAsync(default));

        Assert.Equal((DailyRunOutcome.Posted, Server), (result.Outcome, result.Slot!.ServerId));
        Assert.Empty(await posts.GetHistoryAsync(SlackServer, default));
        Assert.Equal(Server, Assert.Single(sender.Sent).Server.ServerId);
    }

    [Fact]
    public async Task CatchUpAsync_TwoPlatformsEachWithASender_EachSenderGetsOnlyItsServers()
    {
        var slack = new RecordingDailyPostSender("slack");
        senders.Add(slack);
        await Configure("09:00");
        await Configure("09:00", serverId: SlackServer);
        await Configure("09:00", serverId: "slack:T0456EFGH");
        time.SetUtcNow(At("2026-11-24T08:30:00Z"));
        var service = NewService();

        var results = await service.CatchUpAsync(default);
        time.Advance(TimeSpan.FromDays(1));
        var scheduled = await service.RunScheduledAsync(SlackServer, time.GetUtcNow(), default);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(DailyRunOutcome.Posted, r.Outcome));
        Assert.Equal(DailyRunOutcome.Posted, scheduled.Outcome);
        Assert.Equal([Server], sender.Attempts.Select(p => p.Server.ServerId));
        Assert.Equal(
            [SlackServer, SlackServer, "slack:T0456EFGH"],
            slack.Attempts.Select(p => p.Server.ServerId).Order(StringComparer.Ordinal));
        Assert.All(slack.Attempts, p => Assert.Equal(p.Server.ServerId, p.Slot.ServerId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1100000000000000001")]
    [InlineData("console:local")]
    public void Serves_ServerWithoutThisProcessesPlatform_False(string serverId)
    {
        Assert.False(NewService().Serves(serverId));
    }

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    private Task Configure(string postTime, DateTimeOffset? configuredAt = null, string serverId = Server) =>
        servers.SaveAsync(
            new ServerSettings(
                serverId,
                "daily",
                TimeOnly.Parse(postTime, CultureInfo.InvariantCulture),
                "Europe/Berlin",
                null,
                false,
                null,
                configuredAt ?? At("2026-01-01T00:00:00Z")),
            default);

    /// <summary>A fresh service over the same storage, as after a restart.</summary>
    private DailyQuestionService NewService() =>
        new(
            new QuestionCatalog(TestGuide.Content, own),
            servers,
            posts,
            senders,
            registry,
            time,
            Options.Create(new DailyQuestionOptions()),
            NullLogger<DailyQuestionService>.Instance);
}
