using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Reminders;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Reminders;

public sealed class ReminderServiceTests : IDisposable
{
    private const string Server = CoreHost.ServerId;
    private CoreHost host = new(At("2026-12-08T08:00:00Z"));

    public void Dispose() => host.Dispose();

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private void StartAt(string instant)
    {
        host.Dispose();
        host = new CoreHost(At(instant));
    }

    private static MemberContext Ada => CoreHost.Member();

    private Task SetUpServer(string zone = "Europe/Berlin", string postTime = "09:00") =>
        host.Servers.SaveAsync(
            new ServerSettings(Server, "daily", TimeOnly.Parse(postTime, CultureInfo.InvariantCulture), zone, null, false, null, At("2026-01-01T00:00:00Z")),
            CancellationToken.None);

    /// <summary>The server's question for a local date, sent at <paramref name="sentAt"/>.</summary>
    private Task<DailySlot> Posted(string date, string sentAt, int questionId = 42, DailySlotStatus status = DailySlotStatus.Sent) =>
        host.Posts.ClaimAsync(
            new DailySlot(Server, DateOnly.Parse(date, CultureInfo.InvariantCulture), status, status == DailySlotStatus.Sent ? questionId : null, 1, "nonce", "m1", At(sentAt), At(sentAt)),
            CancellationToken.None);

    /// <summary>
    /// Ada's own zone, asked for the day before: a /timezone change counts from the member's next local day, so this
    /// one is in effect today.
    /// </summary>
    private async Task ZoneSetTheDayBefore(string zone)
    {
        var now = host.Time.GetUtcNow();
        host.Dispose();
        host = new CoreHost(now.AddDays(-1));
        await host.RunAsync("timezone", Ada, ("zone", zone));
        host.Time.SetUtcNow(now);
    }

    private Task<Reply> Remind(params (string, string)[] options) => host.RunAsync("remind", Ada, options);

    private async Task<ReminderRunResult> RunAt(string instant)
    {
        host.Time.SetUtcNow(At(instant));
        return await host.ReminderService.RunDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunDueAsync_NoReminderSet_SendsNothing()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");

        var run = await RunAt("2026-12-08T19:00:00Z");

        Assert.Equal(0, run.Due);
        Assert.Empty(host.ReminderSender.Sent);
    }

    [Fact]
    public async Task RunDueAsync_AtTheMembersTime_NotAnswered_SendsTheQuestionWithItsAnswerButton_OncePerDay()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Remind(("time", "20:00"));

        var early = await RunAt("2026-12-08T18:59:00Z"); // 19:59 Berlin
        var onTime = await RunAt("2026-12-08T19:00:00Z");
        var again = await RunAt("2026-12-08T19:01:00Z");

        Assert.Equal(0, early.Due);
        Assert.Equal(1, onTime.Sent);
        Assert.Equal(0, again.Due);
        var message = Assert.Single(host.ReminderSender.Sent);
        Assert.Equal((Server, "7"), (message.ServerId, message.MemberId));
        Assert.Equal(ReplyVisibility.Private, message.Reply.Visibility);
        Assert.Contains(message.Reply.Buttons, b => b.ActionId == DailyPostReply.AnswerActionPrefix + "42");
        Assert.Contains("Tue 2026-12-08", message.Reply.Fields[^1].Value, StringComparison.Ordinal);
        var next = await host.Reminders.GetAsync(Server, "7", CancellationToken.None);
        Assert.Equal(At("2026-12-09T19:00:00Z"), next!.DueAt);
        Assert.Equal(new DateOnly(2026, 12, 8), next.LastSentDate);
    }

    [Fact]
    public async Task RunDueAsync_AlreadyAnsweredToday_SendsNothing_AndRemindsTomorrow()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Remind(("time", "20:00"));
        host.Time.SetUtcNow(At("2026-12-08T12:00:00Z"));
        await host.RunAsync("answer", Ada, ("text", "Two towers for retrieval, then a ranker over the candidates."));

        var run = await RunAt("2026-12-08T19:00:00Z");
        await Posted("2026-12-09", "2026-12-09T08:00:00Z", questionId: 43);
        var tomorrow = await RunAt("2026-12-09T19:00:00Z");

        Assert.Equal(1, run.Skipped);
        Assert.Equal(1, tomorrow.Sent);
        Assert.Contains(Assert.Single(host.ReminderSender.Sent).Reply.Buttons, b => b.ActionId == DailyPostReply.AnswerActionPrefix + "43");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DailySlotStatus.Skipped)]
    [InlineData(DailySlotStatus.Missed)]
    public async Task RunDueAsync_DayWithoutAPostedQuestion_SendsNothing(DailySlotStatus? today)
    {
        await SetUpServer();
        await Posted("2026-12-07", "2026-12-07T08:00:00Z");
        if (today is { } status)
        {
            await Posted("2026-12-08", "2026-12-08T08:00:00Z", status: status);
        }

        await Remind(("time", "20:00"));
        var run = await RunAt("2026-12-08T19:00:00Z");

        Assert.Equal(1, run.Skipped);
        Assert.Empty(host.ReminderSender.Sent);
        Assert.Equal(new DateOnly(2026, 12, 9), (await host.Reminders.GetAsync(Server, "7", CancellationToken.None))!.DueDate);
    }

    [Fact]
    public async Task RunDueAsync_AcrossMidnight_RemindsOnEachLocalDay()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z", questionId: 42);
        await Posted("2026-12-09", "2026-12-09T08:00:00Z", questionId: 43);
        await Remind(("time", "23:59"));

        await RunAt("2026-12-08T22:59:00Z"); // 23:59 Berlin, Tue
        await RunAt("2026-12-08T23:00:00Z"); // 00:00 Wed: nothing due
        await RunAt("2026-12-09T22:59:00Z");

        Assert.Equal(["answer:42", "answer:43"], host.ReminderSender.Sent.Select(m => m.Reply.Buttons[0].ActionId));
    }

    [Fact]
    public async Task RunDueAsync_MembersOwnZone_FollowsItNotTheServers()
    {
        await ZoneSetTheDayBefore("Asia/Tokyo");
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z"); // 17:00 Tokyo
        await Remind(("time", "21:00"));

        var run = await RunAt("2026-12-08T12:00:00Z"); // 21:00 Tokyo, 13:00 Berlin

        Assert.Equal(1, run.Sent);
        Assert.Contains("Asia/Tokyo", host.ReminderSender.Sent[0].Reply.Fields[^1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDueAsync_ServerPostsAfterTheMembersDayBegan_UsesTheLatestQuestionOfTheirDay()
    {
        // Auckland's 20:00 is 08:00 in Berlin, before today's 09:00 post (21:00 in Auckland): the member's day is not
        // neutral, since the post still comes during it, and yesterday's question is the one open until then.
        await ZoneSetTheDayBefore("Pacific/Auckland");
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z", questionId: 41); // 21:00 Tue in Auckland
        await Remind(("time", "20:00"));

        var run = await RunAt("2026-12-09T07:00:00Z"); // 20:00 Wed in Auckland, 08:00 in Berlin

        Assert.Equal(1, run.Sent);
        Assert.Equal("answer:41", host.ReminderSender.Sent[0].Reply.Buttons[0].ActionId);
    }

    [Fact]
    public async Task RunDueAsync_DueWhileDown_SentIfStillTheSameLocalDay()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Remind(("time", "20:00"));

        var run = await RunAt("2026-12-08T22:30:00Z"); // 23:30 Berlin, three and a half hours late

        Assert.Equal(1, run.Sent);
    }

    [Fact]
    public async Task RunDueAsync_DueWhileDown_AnotherLocalDayNow_SkippedAndMovedToToday()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Posted("2026-12-09", "2026-12-09T08:00:00Z", questionId: 43);
        await Remind(("time", "20:00"));

        var run = await RunAt("2026-12-09T10:00:00Z"); // 11:00 Wed Berlin: Tuesday's is gone, Wednesday's not yet due
        var evening = await RunAt("2026-12-09T19:00:00Z");

        Assert.Equal((1, 0), (run.Skipped, run.Sent));
        Assert.Equal(1, evening.Sent);
        Assert.Equal("answer:43", Assert.Single(host.ReminderSender.Sent).Reply.Buttons[0].ActionId);
    }

    [Fact]
    public async Task RunDueAsync_DownForDays_TodaysTimePassed_SendsTodaysOnly()
    {
        await SetUpServer();
        await Posted("2026-12-10", "2026-12-10T08:00:00Z", questionId: 44);
        await Remind(("time", "20:00"));

        var run = await RunAt("2026-12-10T21:00:00Z"); // Thu 22:00 Berlin; Tue's and Wed's were due while down

        Assert.Equal(1, run.Sent);
        Assert.Equal("answer:44", Assert.Single(host.ReminderSender.Sent).Reply.Buttons[0].ActionId);
        Assert.Equal(new DateOnly(2026, 12, 11), (await host.Reminders.GetAsync(Server, "7", CancellationToken.None))!.DueDate);
    }

    [Fact]
    public async Task RunDueAsync_SpringForward_ASkippedTimeFiresOnceWhenTheGapEnds()
    {
        // Berlin, Sun 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC), so 02:30 never happens that night.
        StartAt("2026-03-28T12:00:00Z");
        await SetUpServer(postTime: "00:05");
        await Posted("2026-03-29", "2026-03-28T23:05:00Z");
        await Remind(("time", "02:30"));

        var before = await RunAt("2026-03-29T00:59:00Z");
        var atGapEnd = await RunAt("2026-03-29T01:00:00Z"); // 03:00 CEST
        var later = await RunAt("2026-03-29T01:30:00Z");

        Assert.Equal((0, 1, 0), (before.Due, atGapEnd.Sent, later.Due));
        Assert.Equal(At("2026-03-30T00:30:00Z"), (await host.Reminders.GetAsync(Server, "7", CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task RunDueAsync_FallBack_ARepeatedTimeFiresOnce_AtItsFirstOccurrence()
    {
        // Berlin, Sun 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens at 00:30 and again at 01:30 UTC.
        StartAt("2026-10-24T12:00:00Z");
        await SetUpServer(postTime: "00:05");
        await Posted("2026-10-25", "2026-10-24T22:05:00Z");
        await Remind(("time", "02:30"));

        var first = await RunAt("2026-10-25T00:30:00Z");
        var second = await RunAt("2026-10-25T01:30:00Z");

        Assert.Equal((1, 0), (first.Sent, second.Due));
        Assert.Single(host.ReminderSender.Sent);
        Assert.Equal(At("2026-10-26T01:30:00Z"), (await host.Reminders.GetAsync(Server, "7", CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task RunDueAsync_DirectMessagesClosed_TurnsTheReminderOff_AndTellsTheMemberNextTime()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Remind(("time", "20:00"));
        host.ReminderSender.Next = new ReminderResult(ReminderOutcome.Unreachable, "403 50007");

        var run = await RunAt("2026-12-08T19:00:00Z");
        var streak = await host.RunAsync("streak", Ada);

        Assert.Equal(1, run.TurnedOff);
        Assert.Null(await host.Reminders.GetAsync(Server, "7", CancellationToken.None));
        Assert.Contains(streak.Fields, f => f.Value.Contains(ReminderService.ClosedNotice, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunDueAsync_TransientFailure_TriedAgainLaterTheSameDay_SentOnce()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Remind(("time", "20:00"));
        host.ReminderSender.Next = new ReminderResult(ReminderOutcome.TransientFailure, "HTTP 503");

        var failed = await RunAt("2026-12-08T19:00:00Z");
        host.ReminderSender.Next = ReminderResult.Sent;
        var tooSoon = await RunAt("2026-12-08T19:04:00Z");
        var retried = await RunAt("2026-12-08T19:05:00Z");
        var after = await RunAt("2026-12-08T19:10:00Z");

        Assert.Equal((1, 0, 1, 0), (failed.Failed, tooSoon.Due, retried.Sent, after.Due));
        Assert.Equal(2, host.ReminderSender.Sent.Count);
    }

    [Fact]
    public async Task RunDueAsync_TransientFailureJustBeforeMidnight_NotRetriedOnTheNextDay()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Remind(("time", "23:58"));
        host.ReminderSender.Next = new ReminderResult(ReminderOutcome.TransientFailure, "HTTP 503");

        await RunAt("2026-12-08T22:58:00Z");
        host.ReminderSender.Next = ReminderResult.Sent;
        var nextDay = await RunAt("2026-12-08T23:05:00Z");

        Assert.Equal(0, nextDay.Due);
        Assert.Equal(new DateOnly(2026, 12, 9), (await host.Reminders.GetAsync(Server, "7", CancellationToken.None))!.DueDate);
    }

    [Fact]
    public async Task RunDueAsync_PlatformNotRunning_SkipsWithoutSending()
    {
        const string slack = "slack:T0STUDY001";
        var member = new MemberContext(slack, "U1", "Ada", false, null);
        await host.Servers.SaveAsync(new ServerSettings(slack, "C1", new TimeOnly(9, 0), "UTC", null, false, null, At("2026-01-01T00:00:00Z")), CancellationToken.None);
        await host.Posts.ClaimAsync(new DailySlot(slack, new DateOnly(2026, 12, 8), DailySlotStatus.Sent, 42, 1, "n", "m", At("2026-12-08T09:00:00Z"), At("2026-12-08T09:00:00Z")), CancellationToken.None);
        await host.RunAsync("remind", member, ("time", "20:00"));

        var run = await RunAt("2026-12-08T20:00:00Z");

        Assert.Equal(1, run.Skipped);
        Assert.Empty(host.ReminderSender.Sent);
    }

    [Fact]
    public async Task RunDueAsync_ZoneChangedToday_TodaysReminderKeepsTheOldZone_TheNextFollowsTheNew()
    {
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z");
        await Posted("2026-12-09", "2026-12-09T08:00:00Z", questionId: 43);
        await Remind(("time", "20:00"));
        host.Time.SetUtcNow(At("2026-12-08T12:00:00Z"));
        await host.RunAsync("timezone", Ada, ("zone", "Asia/Tokyo")); // from the end of Tuesday in Berlin

        var tuesday = await RunAt("2026-12-08T19:00:00Z"); // 20:00 Berlin; 04:00 Wed in Tokyo
        var next = await host.Reminders.GetAsync(Server, "7", CancellationToken.None);
        var wednesday = await RunAt("2026-12-09T11:00:00Z"); // 20:00 Wed in Tokyo

        Assert.Equal(1, tuesday.Sent);
        Assert.Contains("Europe/Berlin", host.ReminderSender.Sent[0].Reply.Fields[^1].Value, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2026, 12, 9), At("2026-12-09T11:00:00Z"), "Asia/Tokyo"), (next!.DueDate, next.DueAt, next.TimeZoneId));
        Assert.Equal(1, wednesday.Sent);
        Assert.Contains("Asia/Tokyo", host.ReminderSender.Sent[1].Reply.Fields[^1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDueAsync_PostStillToComeButScheduleIsPaused_NeutralDay_SendsNothing()
    {
        await ZoneSetTheDayBefore("Pacific/Auckland");
        await SetUpServer();
        await Posted("2026-12-08", "2026-12-08T08:00:00Z", questionId: 41);
        await Remind(("time", "20:00"));
        var settings = await host.Servers.GetAsync(Server, CancellationToken.None);
        await host.Servers.SaveAsync(settings! with { Paused = true, PausedReason = "paused" }, CancellationToken.None);

        var run = await RunAt("2026-12-09T07:00:00Z"); // 20:00 Wed in Auckland: Berlin's 09:00 post would be at 21:00

        Assert.Equal((1, 0), (run.Skipped, run.Sent));
    }
}
