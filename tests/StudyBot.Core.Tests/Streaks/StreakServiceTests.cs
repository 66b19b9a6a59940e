using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;
using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Streaks;

public class StreakServiceTests
{
    private const string Server = "discord:1100000000000000001";
    private const string Ada = "7";

    private readonly FakeTimeProvider time = new(At("2026-01-01T00:00:00Z"));
    private readonly InMemoryMemberStore members = new();
    private readonly InMemoryServerStore servers = new();
    private readonly InMemoryDailyPostStore posts = new();
    private readonly StreakService service;
    private int interactions;

    public StreakServiceTests()
    {
        service = TestStreaks.Create(members, servers, time, posts);
    }

    [Fact]
    public async Task CreditAnswerAsync_BerlinMemberAt2359And0001_CreditsTwoConsecutiveLocalDays()
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Europe/Berlin", default);

        time.SetUtcNow(At("2026-11-24T22:59:00Z")); // 23:59 in Berlin
        var before = await Answer();
        time.SetUtcNow(At("2026-11-24T23:01:00Z")); // 00:01 in Berlin, still the 24th in UTC
        var after = await Answer();

        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 11, 24)), (before.Status, before.LocalDate));
        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 11, 25)), (after.Status, after.LocalDate));
        Assert.Equal("Europe/Berlin", after.TimeZoneId);
        Assert.Equal(2, after.Streak.RunEndingOnLastDate);
    }

    [Fact]
    public async Task GetReportAsync_AnsweredYesterdayMorningNow_CurrentStillCountsAndTodayPending()
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Europe/Berlin", default);
        foreach (var day in new[] { 21, 22, 23 })
        {
            time.SetUtcNow(At($"2026-11-{day}T19:00:00Z"));
            await Answer();
        }

        time.SetUtcNow(At("2026-11-24T06:00:00Z")); // 07:00 in Berlin, not answered yet today
        var report = await service.GetReportAsync(Server, Ada, "Ada", default);

        Assert.Equal(new DateOnly(2026, 11, 24), report.Today);
        Assert.Equal(3, report.Current);
        Assert.False(report.TodayDone);
        Assert.Equal(3, report.Best);
    }

    [Fact]
    public async Task GetReportAsync_MissedAWholeDay_CurrentIsZeroBestKept()
    {
        await PostEveryDayAsync();
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Europe/Berlin", default);
        foreach (var day in new[] { 20, 21, 22 })
        {
            time.SetUtcNow(At($"2026-11-{day}T19:00:00Z"));
            await Answer();
        }

        time.SetUtcNow(At("2026-11-24T06:00:00Z")); // the 23rd passed without an answer
        var report = await service.GetReportAsync(Server, Ada, "Ada", default);

        Assert.Equal(0, report.Current);
        Assert.Equal(3, report.Best);
        Assert.Equal(3, report.TotalDays);
    }

    [Fact]
    public async Task CreditAnswerAsync_GapThenAnswer_StartsNewStreakAtOne()
    {
        await PostEveryDayAsync();
        foreach (var day in new[] { 20, 21, 23 })
        {
            time.SetUtcNow(At($"2026-11-{day}T12:00:00Z"));
            var result = await Answer();
            Assert.Equal(CreditStatus.Credited, result.Status);
        }

        var report = await service.GetReportAsync(Server, Ada, "Ada", default);
        Assert.Equal(1, report.Current);
        Assert.Equal(2, report.Best);
    }

    // Zone, first local date, days answered, the date whose night the clocks change, UTC offset before and after
    // (hours), and how long the local day after the change-night's 00:30 lasts until the next 00:30.
    public static TheoryData<string, string, int, string, int, int, int> DstWeekends => new()
    {
        { "America/New_York", "2026-03-04", 8, "2026-03-08", -5, -4, 23 },
        { "America/New_York", "2026-10-28", 8, "2026-11-01", -4, -5, 25 },
        { "Europe/Berlin", "2026-03-25", 8, "2026-03-29", 1, 2, 23 },
        { "Europe/Berlin", "2026-10-21", 8, "2026-10-25", 2, 1, 25 },
    };

    [Theory]
    [MemberData(nameof(DstWeekends))]
    public async Task CreditAnswerAsync_EveryDayAtSameLocalHourAcrossDstChange_StreakUnbroken(
        string zone, string first, int days, string switchDate, int offsetBefore, int offsetAfter, int hoursAcrossSwitch)
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", zone, default);
        var start = DateOnly.Parse(first, CultureInfo.InvariantCulture);
        var change = DateOnly.Parse(switchDate, CultureInfo.InvariantCulture);
        var after = TimeSpan.FromHours(offsetAfter);
        var before = TimeSpan.FromHours(offsetBefore);

        // 00:30 local each day: the change happens later in the night, so the switch day itself still has the old
        // offset and the next day the new one. A date derived with the wrong offset lands on the wrong local day.
        var instants = Enumerable.Range(0, days)
            .Select(i => start.AddDays(i))
            .Select(d => new DateTimeOffset(d.ToDateTime(new TimeOnly(0, 30)), d > change ? after : before))
            .ToList();
        var switchIndex = change.DayNumber - start.DayNumber;
        Assert.Equal(TimeSpan.FromHours(hoursAcrossSwitch), instants[switchIndex + 1] - instants[switchIndex]);

        for (var i = 0; i < days; i++)
        {
            time.SetUtcNow(instants[i]);
            var result = await Answer();

            Assert.Equal(CreditStatus.Credited, result.Status);
            Assert.Equal(start.AddDays(i), result.LocalDate);
            Assert.Equal(i + 1, result.Streak.RunEndingOnLastDate);
        }

        time.SetUtcNow(instants[^1].AddHours(20));
        var report = await service.GetReportAsync(Server, Ada, "Ada", default);
        Assert.Equal(days, report.Current);
    }

    [Fact]
    public async Task CreditAnswerAsync_AucklandMemberOnLosAngelesServer_CreditsMembersOwnDate()
    {
        await servers.SaveAsync(Settings("America/Los_Angeles"), default);
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Pacific/Auckland", default);
        time.SetUtcNow(At("2026-11-24T20:00:00Z")); // Tue 12:00 in Los Angeles, Wed 09:00 in Auckland

        var result = await Answer();

        Assert.Equal(new DateOnly(2026, 11, 25), result.LocalDate);
        Assert.Equal("Pacific/Auckland", result.TimeZoneId);
        Assert.Equal(new DateOnly(2026, 11, 24), TimeZones.LocalDate(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")));
    }

    [Fact]
    public async Task ZoneForAsync_MemberZoneThenServerZoneThenUtc()
    {
        const string noServer = "discord:1100000000000000002";
        await servers.SaveAsync(Settings("America/Los_Angeles"), default);
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Asia/Kolkata", default);

        Assert.Equal("Asia/Kolkata", (await service.ZoneForAsync(Server, Ada, default)).Id);
        Assert.Equal("America/Los_Angeles", (await service.ZoneForAsync(Server, "8", default)).Id);
        Assert.Equal(TimeZoneInfo.Utc, await service.ZoneForAsync(noServer, Ada, default));
    }

    [Fact]
    public async Task CreditAnswerAsync_NoMemberZone_UsesServerZoneForTheDay()
    {
        await servers.SaveAsync(Settings("America/Los_Angeles"), default);
        time.SetUtcNow(At("2026-11-25T03:00:00Z")); // 19:00 on the 24th in Los Angeles

        var result = await Answer();

        Assert.Equal(new DateOnly(2026, 11, 24), result.LocalDate);
        Assert.Equal("America/Los_Angeles", result.TimeZoneId);
    }

    [Fact]
    public async Task CreditAnswerAsync_NoZoneAnywhere_UsesUtc()
    {
        time.SetUtcNow(At("2026-11-24T23:30:00Z"));

        var result = await Answer();

        Assert.Equal(new DateOnly(2026, 11, 24), result.LocalDate);
        Assert.Equal("UTC", result.TimeZoneId);
    }

    [Fact]
    public async Task CreditAnswerAsync_ZoneChangedMidStreak_CountedDaysStayAndStreakContinues()
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Europe/Berlin", default);
        foreach (var day in new[] { 21, 22, 23 })
        {
            time.SetUtcNow(At($"2026-11-{day}T18:00:00Z"));
            await Answer();
        }

        await members.SetTimeZoneAsync(Server, Ada, "Ada", "America/New_York", default);
        time.SetUtcNow(At("2026-11-24T18:00:00Z")); // 13:00 on the 24th in New York
        var result = await Answer();

        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 11, 24), "America/New_York"), (result.Status, result.LocalDate, result.TimeZoneId));
        Assert.Equal(4, result.Streak.RunEndingOnLastDate);
        var days = await members.GetActiveDaysAsync(Server, Ada, default);
        Assert.Equal([new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)], days);
    }

    [Fact]
    public async Task CreditAnswerAsync_ZoneMovedBehindFillsEarlierDay_StreakRecomputedFromAllDays()
    {
        // Credited the 23rd and 25th in Auckland; after moving to Los Angeles the member's "today" is the 24th.
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Pacific/Auckland", default);
        time.SetUtcNow(At("2026-11-22T20:00:00Z")); // 23rd 09:00 in Auckland
        await Answer();
        time.SetUtcNow(At("2026-11-24T20:00:00Z")); // 25th 09:00 in Auckland
        await Answer();
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "America/Los_Angeles", default);
        time.SetUtcNow(At("2026-11-24T21:00:00Z")); // 24th 13:00 in Los Angeles

        var result = await Answer();

        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 11, 24)), (result.Status, result.LocalDate));
        Assert.Equal(new StreakSummary(new DateOnly(2026, 11, 25), 3, 3, 3), result.Streak);
    }

    [Fact]
    public async Task CreditAnswerAsync_SecondAnswerSameLocalDay_AlreadyCountedTodayKeptAsPractice()
    {
        time.SetUtcNow(At("2026-11-24T08:00:00Z"));
        var first = await Answer();
        time.SetUtcNow(At("2026-11-24T20:00:00Z"));
        var second = await Answer();

        Assert.Equal(CreditStatus.Credited, first.Status);
        Assert.Equal(CreditStatus.AlreadyCountedToday, second.Status);
        Assert.Equal(1, second.Streak.TotalDays);
        Assert.Equal(2, await members.CountAnswersAsync(Server, Ada, new DateOnly(2026, 11, 24), default));
    }

    [Fact]
    public async Task CreditAnswerAsync_SameInteractionTwice_OneCredit()
    {
        time.SetUtcNow(At("2026-11-24T23:50:00Z"));
        var member = new MemberContext(Server, Ada, "Ada", false, "interaction-1");
        var first = await service.CreditAnswerAsync(member, 42, AnswerSource.AnswerButton, default);
        time.SetUtcNow(At("2026-11-25T00:10:00Z")); // redelivered after midnight: still the original day
        var again = await service.CreditAnswerAsync(member, 42, AnswerSource.AnswerButton, default);

        Assert.Equal(CreditStatus.Credited, first.Status);
        Assert.Equal(CreditStatus.DuplicateInteraction, again.Status);
        Assert.Equal(new DateOnly(2026, 11, 24), again.LocalDate);
        Assert.Single(members.Answers);
        Assert.Equal(1, (await members.GetMemberAsync(Server, Ada, default))!.Streak.TotalDays);
    }

    [Fact]
    public async Task GetLeaderboardAsync_OrdersByCurrentThenBestThenTotalThenName()
    {
        await PostEveryDayAsync();
        var today = new DateOnly(2026, 11, 24);
        time.SetUtcNow(At("2026-11-24T12:00:00Z"));
        Seed("1", "Zed", Run(today, 5));                                   // current 5
        Seed("2", "Bob", [.. Run(today.AddDays(-10), 6), .. Run(today, 3)]); // current 3, best 6
        Seed("3", "Cat", [.. Run(today.AddDays(-10), 4), .. Run(today, 3)]); // current 3, best 4, total 7
        Seed("4", "Dan", [.. Run(today.AddDays(-20), 3), .. Run(today.AddDays(-10), 4), .. Run(today, 3)]); // current 3, best 4, total 10
        Seed("5", "amy", Run(today, 5));                                   // ties Zed, listed first by name

        var board = await service.GetLeaderboardAsync(Server, default);

        Assert.Equal(["amy", "Zed", "Bob", "Dan", "Cat"], board.Select(e => e.DisplayName));
        Assert.Equal([1, 1, 3, 4, 5], board.Select(e => e.Rank));
    }

    [Fact]
    public async Task GetLeaderboardAsync_BrokenStreaks_RankBelowByCurrentZero()
    {
        await PostEveryDayAsync();
        var today = new DateOnly(2026, 11, 24);
        time.SetUtcNow(At("2026-11-24T12:00:00Z"));
        Seed("1", "Old", Run(today.AddDays(-5), 10));  // best 10, broken
        Seed("2", "New", Run(today.AddDays(-1), 1));   // answered yesterday only: pending, current 1
        Seed("3", "Gone", Run(today.AddDays(-30), 2)); // best 2, broken

        var board = await service.GetLeaderboardAsync(Server, default);

        Assert.Equal(["New", "Old", "Gone"], board.Select(e => e.DisplayName));
        Assert.Equal([1, 0, 0], board.Select(e => e.Current));
        Assert.Equal([1, 2, 3], board.Select(e => e.Rank));
    }

    [Fact]
    public async Task GetLeaderboardAsync_MemberWithOnlyAZone_NotListed()
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Europe/Berlin", default);

        Assert.Empty(await service.GetLeaderboardAsync(Server, default));
    }

    [Fact]
    public async Task GetLeaderboardAsync_MoreThanTenMembers_ShowsTopTen()
    {
        var today = new DateOnly(2026, 11, 24);
        time.SetUtcNow(At("2026-11-24T12:00:00Z"));
        for (var m = 1; m <= 12; m++)
        {
            Seed(m.ToString(CultureInfo.InvariantCulture), $"M{m:00}", Run(today, m));
        }

        var board = await service.GetLeaderboardAsync(Server, default);

        Assert.Equal(StreakService.LeaderboardSize, board.Count);
        Assert.Equal("M12", board[0].DisplayName);
        Assert.Equal("M03", board[^1].DisplayName);
    }

    [Fact]
    public async Task CreditAnswerAsync_ProfileZoneAndNoOwnZone_CreditsTheProfileZonesDate()
    {
        await servers.SaveAsync(Settings("America/Los_Angeles"), default);
        time.SetUtcNow(At("2026-11-24T23:30:00Z")); // 15:30 on the 24th in Los Angeles, 08:30 on the 25th in Tokyo

        var result = await AnswerWithProfile("Asia/Tokyo");

        Assert.Equal((CreditStatus.Credited, new DateOnly(2026, 11, 25), "Asia/Tokyo"), (result.Status, result.LocalDate, result.TimeZoneId));
        Assert.Equal("Asia/Tokyo", (await members.GetMemberAsync(Server, Ada, default))!.ProfileTimeZoneId);
        Assert.Equal("Asia/Tokyo", Assert.Single(members.Answers).ProfileTimeZoneId);
    }

    [Fact]
    public async Task CreditAnswerAsync_OwnZoneAndProfileZone_OwnZoneWins()
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "America/Los_Angeles", default);
        time.SetUtcNow(At("2026-11-24T23:30:00Z")); // 15:30 on the 24th in Los Angeles, 08:30 on the 25th in Tokyo

        var result = await AnswerWithProfile("Asia/Tokyo");

        Assert.Equal((new DateOnly(2026, 11, 24), "America/Los_Angeles"), (result.LocalDate, result.TimeZoneId));
        Assert.Equal("America/Los_Angeles", (await service.ZoneForAsync(Server, Ada, default)).Id);
    }

    [Fact]
    public async Task CreditAnswerAsync_ProfileZoneTheMemberNoLongerSends_StoredProfileZoneStillDecides()
    {
        time.SetUtcNow(At("2026-11-24T12:00:00Z"));
        await AnswerWithProfile("Asia/Tokyo");
        time.SetUtcNow(At("2026-11-25T23:30:00Z")); // the 26th in Tokyo, still the 25th in UTC

        var result = await Answer();

        Assert.Equal((new DateOnly(2026, 11, 26), "Asia/Tokyo"), (result.LocalDate, result.TimeZoneId));
    }

    [Fact]
    public async Task CreditAnswerAsync_ProfileZoneThatIsNoZone_ServerZoneDecidesAndNothingStored()
    {
        await servers.SaveAsync(Settings("America/Los_Angeles"), default);
        time.SetUtcNow(At("2026-11-24T23:30:00Z"));

        var result = await AnswerWithProfile("Mars/Olympus_Mons");

        Assert.Equal((new DateOnly(2026, 11, 24), "America/Los_Angeles"), (result.LocalDate, result.TimeZoneId));
        Assert.Null((await members.GetMemberAsync(Server, Ada, default))!.ProfileTimeZoneId);
    }

    [Fact]
    public async Task GetLeaderboardAsync_MemberWithAStoredProfileZone_CurrentStreakFromThatZonesToday()
    {
        await PostEveryDayAsync();
        // Both answered the 21st to the 23rd; at 16:00 UTC on the 24th it is already the 25th in Tokyo, so the
        // Tokyo member has missed the 24th while the UTC member still has today to answer.
        foreach (var day in new[] { 21, 22, 23 })
        {
            var date = new DateOnly(2026, 11, day);
            await members.RecordAnswerAsync(StoredAnswer("1", "Tokyo", date, "Asia/Tokyo"), default);
            await members.RecordAnswerAsync(StoredAnswer("2", "Utc", date, null), default);
        }

        time.SetUtcNow(At("2026-11-24T16:00:00Z"));

        var board = await service.GetLeaderboardAsync(Server, default);
        var tokyoReport = await service.GetReportAsync(Server, "1", "Tokyo", default);

        Assert.Equal([("Utc", 3), ("Tokyo", 0)], board.Select(e => (e.DisplayName, e.Current)));
        Assert.Equal((new DateOnly(2026, 11, 25), 0), (tokyoReport.Today, tokyoReport.Current));
    }

    /// <summary>A question posted at 09:00 UTC every day of late 2026: every member day in these tests has one.</summary>
    private Task PostEveryDayAsync() =>
        TestStreaks.PostDailyAsync(posts, Server, "UTC", new TimeOnly(9, 0), new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

    private static ServerSettings Settings(string zone) =>
        new(Server, "daily", new TimeOnly(9, 0), zone, null, false, null, At("2026-01-01T00:00:00Z"));

    /// <summary><paramref name="length"/> consecutive days ending on <paramref name="last"/>.</summary>
    private static DateOnly[] Run(DateOnly last, int length) => [.. Enumerable.Range(0, length).Select(i => last.AddDays(-i))];

    private void Seed(string memberId, string name, DateOnly[] days) => members.SeedActiveDays(Server, memberId, name, days);

    private static AnswerRecord StoredAnswer(string memberId, string name, DateOnly date, string? profileZone) =>
        new(Server, memberId, name, date, profileZone ?? "UTC", null, 1, AnswerSource.AnswerCommand, At("2026-11-20T00:00:00Z"), profileZone);

    private Task<CreditResult> AnswerWithProfile(string profileZone) =>
        service.CreditAnswerAsync(new MemberContext(Server, Ada, "Ada", false, $"i-{++interactions}", profileZone), 1, AnswerSource.AnswerCommand, default);

    private Task<CreditResult> Answer() =>
        service.CreditAnswerAsync(new MemberContext(Server, Ada, "Ada", false, $"i-{++interactions}"), 1, AnswerSource.AnswerCommand, default);
}
