using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Streaks;

/// <summary>The fair-streak rules through the wired Core: neutral days, zone changes, freezes, history, privacy.</summary>
public sealed class FairStreakTests : IDisposable
{
    private const string Ada = "7";
    private readonly CoreHost host = new(At("2026-10-01T12:00:00Z"));
    private int interactions;

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task NewYorkMemberOnBerlinServer_AcrossEuropesDstChange_TheDayWithoutAPostIsNeutral()
    {
        // Berlin posts at 05:30: 23:30 the day before in New York while both are on summer time (6 h apart), but
        // 00:30 the same day once Berlin is back on winter time (Sun 2026-10-25) and New York is not yet (5 h apart).
        // So New York's Sat 2026-10-24 holds no post at all: neutral, and skipping it breaks nothing.
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "Europe/Berlin", new TimeOnly(5, 30)), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "Europe/Berlin", new TimeOnly(5, 30), new DateOnly(2026, 10, 18), new DateOnly(2026, 10, 31));
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, Ada, "Ada", "America/New_York", default);
        foreach (var day in new[] { 21, 22, 23, 25, 26 })
        {
            host.Time.SetUtcNow(new DateTimeOffset(2026, 10, day, 20, 0, 0, TimeSpan.FromHours(-4)));
            await Answer();
        }

        var report = await host.Streaks.GetReportAsync(CoreHost.ServerId, Ada, "Ada", default);

        Assert.Equal(5, report.Current);
        var sat = Assert.Single(report.Evaluation!.Days, d => d.Date == new DateOnly(2026, 10, 24));
        Assert.Equal(DayKind.Neutral, sat.Kind);
        Assert.Equal("no question was posted during your day", sat.Question.NeutralReason);
    }

    [Fact]
    public async Task TokyoMemberOnLosAngelesServer_SkippedServerDate_MapsToTheMembersDayOfThatPost()
    {
        // Los Angeles posts at 09:00 (= 02:00 next day in Tokyo). An admin skips LA's Thu 2026-12-03: the Tokyo day
        // that post would have opened (Fri 2026-12-04) is neutral, with the reason; Thu in Tokyo had Wed's post.
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "America/Los_Angeles", new TimeOnly(9, 0)), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "America/Los_Angeles", new TimeOnly(9, 0), new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 3));
        await host.Posts.ClaimAsync(new DailySlot(CoreHost.ServerId, new DateOnly(2026, 12, 3), DailySlotStatus.Skipped, null, 0, "s", null, At("2026-12-01T00:00:00Z"), null), default);
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, Ada, "Ada", "Asia/Tokyo", default);
        foreach (var day in new[] { 2, 3, 5 })
        {
            host.Time.SetUtcNow(new DateTimeOffset(2026, 12, day, 21, 0, 0, TimeSpan.FromHours(9)));
            await Answer();
        }

        var report = await host.Streaks.GetReportAsync(CoreHost.ServerId, Ada, "Ada", default);

        Assert.Equal(3, report.Current);
        var fri = Assert.Single(report.Evaluation!.Days, d => d.Date == new DateOnly(2026, 12, 4));
        Assert.Equal((DayKind.Neutral, "an admin skipped the question of Thu 2026-12-03"), (fri.Kind, fri.Question.NeutralReason));
    }

    [Fact]
    public async Task MemberAcrossMidnight_PostAt2330InTheirZone_CountsForThatDayNotTheNext()
    {
        // Server in UTC posts at 22:30 = 23:30 in Berlin: Berlin's Tue holds Tue's post. Not answering Tue breaks.
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "UTC", new TimeOnly(22, 30), freezeLimit: 0), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "UTC", new TimeOnly(22, 30), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10));
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, Ada, "Ada", "Europe/Berlin", default);
        host.Time.SetUtcNow(At("2026-12-07T22:45:00Z")); // Mon 23:45 Berlin, after Monday's post
        await Answer();
        host.Time.SetUtcNow(At("2026-12-09T08:00:00Z")); // Wed 09:00 Berlin: Tue had a post at 23:30 and no answer

        var report = await host.Streaks.GetReportAsync(CoreHost.ServerId, Ada, "Ada", default);

        Assert.Equal(0, report.Current);
        Assert.Equal(DayKind.Missed, report.Evaluation!.Days.Single(d => d.Date == new DateOnly(2026, 12, 8)).Kind);
    }

    [Fact]
    public async Task ZoneChange_LosAngelesToAuckland_CannotMintASecondDayTheSameRealDay()
    {
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, Ada, "Ada", "America/Los_Angeles", default);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.FromHours(-8))); // Tue 23:00 LA = Wed 20:00 Auckland
        var first = await Answer();

        var set = await host.RunAsync("timezone", Member(), ("zone", "Pacific/Auckland"));
        var again = await Answer(); // Wed already in Auckland, but the change waits for the end of Tuesday in LA
        host.Time.Advance(TimeSpan.FromMinutes(59)); // 23:59 LA, still the same real day
        var late = await Answer();
        host.Time.Advance(TimeSpan.FromMinutes(2)); // 00:01 LA = Wed 21:01 Auckland: the change is in effect
        var next = await Answer();

        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 12, 1)), (first.Status, first.LocalDate));
        Assert.Contains("from Wed 2026-12-02 00:00 America/Los_Angeles", set.Text, StringComparison.Ordinal);
        Assert.Contains("(Wed 2026-12-02 21:00 in Pacific/Auckland)", set.Text, StringComparison.Ordinal);
        Assert.Equal((CreditStatus.AlreadyCountedToday, new DateOnly(2026, 12, 1), "America/Los_Angeles"), (again.Status, again.LocalDate, again.TimeZoneId));
        Assert.Equal((CreditStatus.AlreadyCountedToday, new DateOnly(2026, 12, 1)), (late.Status, late.LocalDate));
        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 12, 2), "Pacific/Auckland"), (next.Status, next.LocalDate, next.TimeZoneId));
        Assert.Equal(2, next.Streak.RunEndingOnLastDate);
        Assert.Equal("Pacific/Auckland", (await host.Members.GetMemberAsync(CoreHost.ServerId, Ada, default))!.TimeZoneId);
    }

    [Fact]
    public async Task ZoneChange_JumpOverADate_HonoluluToKiritimati_TheSkippedDateIsNeutral()
    {
        // 24 hours apart: when Tuesday ends in Honolulu it is already Thursday in Kiritimati. Wednesday never was
        // a day for this member, so it cannot break their streak, and the history says why.
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "UTC", new TimeOnly(12, 0)), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "UTC", new TimeOnly(12, 0), new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 10));
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, Ada, "Ada", "Pacific/Honolulu", default);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.FromHours(-10)));
        await Answer();
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(-10)));
        await Answer();
        await host.RunAsync("timezone", Member(), ("zone", "Pacific/Kiritimati"));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(14)));

        var thursday = await Answer();
        var report = await host.Streaks.GetReportAsync(CoreHost.ServerId, Ada, "Ada", default);

        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 12, 3)), (thursday.Status, thursday.LocalDate));
        Assert.Equal(3, report.Current);
        var skipped = report.Evaluation!.Days.Single(d => d.Date == new DateOnly(2026, 12, 2));
        Assert.Equal(DayKind.Neutral, skipped.Kind);
        Assert.Equal("your zone moved ahead (Pacific/Honolulu to Pacific/Kiritimati) past this date", skipped.Question.NeutralReason);
    }

    [Fact]
    public async Task ZoneChange_AucklandToLosAngeles_RepeatsNoDateAndCountsTheNextOne()
    {
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, Ada, "Ada", "Pacific/Auckland", default);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.FromHours(13))); // Thu 20:00 Auckland = Wed 23:00 LA
        await Answer();
        await host.RunAsync("timezone", Member(), ("zone", "America/Los_Angeles"));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 0, 30, 0, TimeSpan.FromHours(13))); // Fri 00:30 Auckland = Thu 03:30 LA

        var sameDate = await Answer(); // LA's Thursday: already counted in Auckland
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 0, 30, 0, TimeSpan.FromHours(-8))); // Fri 00:30 LA
        var friday = await Answer();

        Assert.Equal((CreditStatus.AlreadyCountedToday, new DateOnly(2026, 12, 3), "America/Los_Angeles"), (sameDate.Status, sameDate.LocalDate, sameDate.TimeZoneId));
        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 12, 4)), (friday.Status, friday.LocalDate));
        Assert.Equal(2, friday.Streak.RunEndingOnLastDate);
    }

    [Fact]
    public async Task ZoneChange_SecondOnTheSameDay_RefusedWithWhenTheFirstStarts()
    {
        host.Time.SetUtcNow(At("2026-12-01T13:00:00Z"));
        await host.RunAsync("timezone", Member(), ("zone", "Europe/Berlin"));

        var second = await host.RunAsync("timezone", Member(), ("zone", "Asia/Tokyo"));
        host.Time.SetUtcNow(At("2026-12-02T01:00:00Z")); // the next day (UTC, where the first change started)
        var nextDay = await host.RunAsync("timezone", Member(), ("zone", "Asia/Tokyo"));

        Assert.Equal(ReplyTone.Problem, second.Tone);
        Assert.Contains("You changed your time zone today already; that change starts at Wed 2026-12-02 00:00 UTC.", second.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Success, nextDay.Tone);
        Assert.Equal("Europe/Berlin", (await host.Streaks.ZoneForAsync(CoreHost.ServerId, Ada, default)).Id);
    }

    [Fact]
    public async Task SlackMemberWithoutOwnZone_FollowsTheProfileZone_UntilTheySetOne()
    {
        var slack = Member() with { ProfileTimeZoneId = "Asia/Kolkata" };
        host.Time.SetUtcNow(At("2026-12-01T20:00:00Z")); // Wed 01:30 in Kolkata, Tue in UTC

        var result = await host.Streaks.CreditAnswerAsync(slack with { InteractionId = "s1" }, 1, AnswerSource.AnswerCommand, default);

        Assert.Equal((new DateOnly(2026, 12, 2), "Asia/Kolkata"), (result.LocalDate, result.TimeZoneId));
        Assert.Equal("Asia/Kolkata", (await host.Streaks.ZoneForAsync(slack, default)).Id);
    }

    [Fact]
    public async Task MissedDay_CoveredByAHeldFreeze_MemberToldNextTimeOnce()
    {
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "UTC", new TimeOnly(9, 0)), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "UTC", new TimeOnly(9, 0), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 31));
        for (var day = 1; day <= 7; day++)
        {
            host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).AddDays(day));
            await Answer();
        }

        // Tue 2026-12-08 missed; on Wed the member asks for their streak.
        host.Time.SetUtcNow(At("2026-12-09T12:00:00Z"));
        var streak = await host.RunAsync("streak", Member());
        var later = await host.RunAsync("streak", Member());

        Assert.Equal("7", streak.Fields.Single(f => f.Name == "Current").Value);
        Assert.Equal("• Your freeze covered Tue 2026-12-08. 0 left.", streak.Fields.Single(f => f.Name == MemberNotices.FieldName).Value);
        Assert.DoesNotContain(later.Fields, f => f.Name == MemberNotices.FieldName);
        var ledger = await host.Ledger.GetFreezesAsync(CoreHost.ServerId, Ada, default);
        Assert.Equal([(FreezeEventKind.Earned, new DateOnly(2026, 12, 7)), (FreezeEventKind.Used, new DateOnly(2026, 12, 8))], ledger.Select(e => (e.Kind, e.Date)));
    }

    [Fact]
    public async Task StreakHistory_ExplainsEachDayAndWhatBreaksNext()
    {
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "Europe/Berlin", new TimeOnly(9, 0)), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "Europe/Berlin", new TimeOnly(9, 0), new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 31), new DateOnly(2026, 11, 28));
        await host.Posts.ClaimAsync(new DailySlot(CoreHost.ServerId, new DateOnly(2026, 11, 28), DailySlotStatus.Missed, null, 0, "m", null, At("2026-11-28T10:00:00Z"), null), default);
        await host.RunAsync("timezone", Member(), ("zone", "Europe/Berlin"));
        foreach (var day in new[] { 25, 26, 27, 29, 30 })
        {
            host.Time.SetUtcNow(new DateTimeOffset(2026, 11, day, 18, 15, 0, TimeSpan.FromHours(1)));
            await Answer();
        }

        host.Time.SetUtcNow(At("2026-12-01T15:00:00Z")); // Tue 16:00 Berlin, not answered yet
        var reply = await host.RunAsync("streak", Member(), ("view", "history"), ("days", "8"));

        var lines = reply.Text.Split('\n');
        Assert.StartsWith("Streak 5 · best 5 · 0 freezes held · days follow Europe/Berlin.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Tue 2026-12-01  ◇ today, not answered yet", lines);
        Assert.Contains("Mon 2026-11-30  ✓ counted at 18:15 Europe/Berlin · Q#30", lines);
        Assert.Contains("Sat 2026-11-28  ○ neutral: the bot was down and the question of Sat 2026-11-28 was not posted", lines);
        Assert.Contains("Tue 2026-11-24  · before your first counted answer", lines);
        Assert.Equal(
            "Answer before 23:59 Europe/Berlin tonight to keep 5. A day without a posted question never breaks it.",
            reply.Fields.Single(f => f.Name == "Next").Value);
    }

    [Fact]
    public async Task Privacy_HiddenMember_OffEveryBoardAndStreakLookup_ButSeesTheirOwn()
    {
        host.Time.SetUtcNow(At("2026-12-01T12:00:00Z"));
        await Answer();
        await host.Streaks.CreditAnswerAsync(Member("8", "Bo") with { InteractionId = "b1" }, 1, AnswerSource.AnswerCommand, default);

        var hide = await host.RunAsync("privacy", Member(), ("leaderboard", "hide"));
        var board = await host.RunAsync("leaderboard", Member("8", "Bo"));
        var week = await host.RunAsync("leaderboard", Member("8", "Bo"), ("period", "week"));
        var lookup = await host.RunAsync("streak", Member("8", "Bo"), ("member", Ada));
        var own = await host.RunAsync("streak", Member());
        await host.RunAsync("privacy", Member(), ("leaderboard", "show"));
        var shown = await host.RunAsync("leaderboard", Member("8", "Bo"));

        Assert.Equal(ReplyTone.Success, hide.Tone);
        Assert.DoesNotContain("Ada", board.Text, StringComparison.Ordinal);
        Assert.Contains("Bo", board.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", week.Text, StringComparison.Ordinal);
        Assert.Equal("That member keeps their streak private.", lookup.Text);
        Assert.Equal("1", own.Fields.Single(f => f.Name == "Current").Value);
        Assert.Contains("Ada", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaderboardPeriod_CountsActiveDaysInTheLastWeekMonthOrEver()
    {
        host.Time.SetUtcNow(At("2026-12-01T12:00:00Z"));
        host.Members.SeedActiveDays(CoreHost.ServerId, "1", "Old", Enumerable.Range(0, 20).Select(i => new DateOnly(2026, 9, 1).AddDays(i)));
        host.Members.SeedActiveDays(CoreHost.ServerId, "2", "Recent", Enumerable.Range(0, 5).Select(i => new DateOnly(2026, 12, 1).AddDays(-i)));
        host.Members.SeedActiveDays(CoreHost.ServerId, "3", "Month", Enumerable.Range(0, 6).Select(i => new DateOnly(2026, 11, 20).AddDays(-i)));

        var week = await host.RunAsync("leaderboard", null, ("period", "week"));
        var month = await host.RunAsync("leaderboard", null, ("period", "month"));
        var all = await host.RunAsync("leaderboard", null, ("period", "all"));

        Assert.StartsWith("1. Recent: 5 active days\n\n", week.Text, StringComparison.Ordinal);
        Assert.StartsWith("1. Month: 6 active days\n2. Recent: 5 active days\n\n", month.Text, StringComparison.Ordinal);
        Assert.StartsWith("1. Old: 20 active days\n2. Month: 6 active days\n3. Recent: 5 active days", all.Text, StringComparison.Ordinal);
        Assert.Equal("Most active: the last 7 days", week.Title);
    }

    [Fact]
    public async Task ScheduleFreezes_AdminSetsLimit_ZeroTurnsThemOff()
    {
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "UTC", new TimeOnly(9, 0)), default);

        var off = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"), ("freezes", "0"));
        var tooMany = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"), ("freezes", "6"));
        var show = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"));

        Assert.StartsWith("Freezes are off", off.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Problem, tooMany.Tone);
        Assert.Equal(0, (await host.Servers.GetAsync(CoreHost.ServerId, default))!.FreezeLimit);
        Assert.Equal("off", show.Fields.Single(f => f.Name == "Streak freezes").Value);
    }

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    private static MemberContext Member(string id = Ada, string name = "Ada") => CoreHost.Member(id, name);

    private Task<CreditResult> Answer() =>
        host.Streaks.CreditAnswerAsync(CoreHost.Member(Ada, "Ada", interactionId: $"i-{++interactions}"), null, AnswerSource.AnswerCommand, default);
}
