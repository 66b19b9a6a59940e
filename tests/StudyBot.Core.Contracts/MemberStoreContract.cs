using StudyBot.Core.Streaks;

namespace StudyBot.Core.Contracts;

/// <summary>
/// What <see cref="IMemberStore"/> promises, limits included, checked through the port alone. Derive once per
/// implementation; a store that passes behaves the same to Core as every other that passes.
/// </summary>
public abstract class MemberStoreContract
{
    protected const string Server = "discord:1100000000000000001";
    protected const string Ada = "2200000000000000002";

    /// <summary>Another member of <see cref="Server"/>, and another server <see cref="Ada"/> is in.</summary>
    protected const string Grace = "2200000000000000003";
    protected const string OtherServer = "discord:1100000000000000002";

    protected static readonly DateOnly Day1 = new(2026, 11, 24);

    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1));

    private IMemberStore? store;

    /// <summary>The store under test, made once per test by <see cref="CreateStore"/>.</summary>
    protected IMemberStore Store => store ??= CreateStore();

    /// <summary>A new, empty store.</summary>
    protected abstract IMemberStore CreateStore();

    [Fact]
    public async Task GetMemberAsync_NeverSeen_ReturnsNullAndNoDays()
    {
        Assert.Null(await Store.GetMemberAsync(Server, Ada, CancellationToken.None));
        Assert.Empty(await Store.GetMembersAsync(Server, CancellationToken.None));
        Assert.Empty(await Store.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
        Assert.Equal(0, await Store.CountAnswersAsync(Server, Ada, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_FirstAnswerOfTheDay_CreditsTheDayAndCreatesTheMember()
    {
        var result = await RecordAsync(Answer(Day1, "1001"));

        var streak = new StreakSummary(Day1, 1, 1, 1);
        Assert.Equal(new CreditResult(CreditStatus.Credited, Day1, "Europe/Berlin", streak), result);
        Assert.Equal(new MemberRecord(Server, Ada, "Ada", null, streak), await Store.GetMemberAsync(Server, Ada, CancellationToken.None));
        Assert.Equal([Day1], await Store.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
        Assert.Equal(1, await CountAsync(Day1));
    }

    [Fact]
    public async Task RecordAnswerAsync_LaterAnswersSameDay_KeptAsPracticeWithTheStreakUnchangedAndTheLatestName()
    {
        var first = await RecordAsync(Answer(Day1));

        var second = await RecordAsync(Answer(Day1, zone: "Asia/Tokyo", name: "Ada L."));
        var third = await RecordAsync(Answer(Day1, name: "Ada Lovelace"));

        Assert.Equal(new CreditResult(CreditStatus.AlreadyCountedToday, Day1, "Asia/Tokyo", first.Streak), second);
        Assert.Equal(new CreditResult(CreditStatus.AlreadyCountedToday, Day1, "Europe/Berlin", first.Streak), third);
        Assert.Equal(3, await CountAsync(Day1));
        Assert.Equal([Day1], await Store.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
        Assert.Equal(new MemberRecord(Server, Ada, "Ada Lovelace", null, first.Streak), await Store.GetMemberAsync(Server, Ada, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_DaysWithAGap_StreakCacheRestartsAfterTheGap()
    {
        DateOnly[] days = [Day1, Day1.AddDays(1), Day1.AddDays(3)];

        var results = new List<CreditResult>();
        foreach (var day in days)
        {
            results.Add(await RecordAsync(Answer(day)));
        }

        Assert.Equal(
            [new StreakSummary(Day1, 1, 1, 1), new StreakSummary(Day1.AddDays(1), 2, 2, 2), new StreakSummary(Day1.AddDays(3), 1, 2, 3)],
            results.Select(r => r.Streak));
        Assert.All(results, r => Assert.Equal(CreditStatus.Credited, r.Status));
        Assert.Equal(StreakMath.Recompute(days), (await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.Streak);
    }

    [Fact]
    public async Task RecordAnswerAsync_DayBeforeTheLastActiveDay_CreditsItAndRecomputesTheStreak()
    {
        await RecordAsync(Answer(Day1));
        await RecordAsync(Answer(Day1.AddDays(2)));

        var result = await RecordAsync(Answer(Day1.AddDays(1)));

        Assert.Equal(new CreditResult(CreditStatus.Credited, Day1.AddDays(1), "Europe/Berlin", new StreakSummary(Day1.AddDays(2), 3, 3, 3)), result);
        Assert.Equal(result.Streak, (await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.Streak);
        Assert.Equal([Day1, Day1.AddDays(1), Day1.AddDays(2)], await Store.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_RepeatedInteraction_ChangesNothingAndReturnsTheOriginal()
    {
        await RecordAsync(Answer(Day1, "1001", "Europe/Berlin"));
        await RecordAsync(Answer(Day1.AddDays(1), "1002"));

        var result = await RecordAsync(Answer(Day1.AddDays(5), "1001", "America/New_York", "Someone Else"));

        Assert.Equal(new CreditResult(CreditStatus.DuplicateInteraction, Day1, "Europe/Berlin", new StreakSummary(Day1.AddDays(1), 2, 2, 2)), result);
        Assert.Equal(0, await CountAsync(Day1.AddDays(5)));
        Assert.Equal(1, await CountAsync(Day1));
        Assert.Equal([Day1, Day1.AddDays(1)], await Store.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
        Assert.Equal("Ada", (await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.DisplayName);
    }

    [Fact]
    public async Task RecordAnswerAsync_RepeatedPracticeAnswer_ReturnsItsOwnDateAndZone()
    {
        await RecordAsync(Answer(Day1, "1001", "Europe/Berlin"));
        await RecordAsync(Answer(Day1, "1002", "Asia/Tokyo"));

        var result = await RecordAsync(Answer(Day1.AddDays(1), "1002", "UTC"));

        Assert.Equal(new CreditResult(CreditStatus.DuplicateInteraction, Day1, "Asia/Tokyo", new StreakSummary(Day1, 1, 1, 1)), result);
        Assert.Equal(2, await CountAsync(Day1));
        Assert.Equal(0, await CountAsync(Day1.AddDays(1)));
    }

    [Fact]
    public async Task RecordAnswerAsync_RepeatOfTheOldestRecognisedAnswer_ChangesNothing()
    {
        // The repeated answer and the ones after it are exactly the latest the port promises to recognise.
        await RecordAsync(Answer(Day1));
        await RecordAsync(Answer(Day1, "repeated", "Asia/Tokyo"));
        await RecordLaterPracticeAsync(IMemberStore.RecentInteractionsRecognised - 1);

        var result = await RecordAsync(Answer(Day1, "repeated", "UTC"));

        Assert.Equal(new CreditResult(CreditStatus.DuplicateInteraction, Day1, "Asia/Tokyo", new StreakSummary(Day1, 1, 1, 1)), result);
        Assert.Equal(IMemberStore.RecentInteractionsRecognised + 1, await CountAsync(Day1));
    }

    [Fact]
    public async Task RecordAnswerAsync_RepeatOfAnOlderPracticeAnswer_IsStoredAgainAsPractice()
    {
        // One answer more than the port promises to recognise: production forgets the repeated id, so must every double.
        await RecordAsync(Answer(Day1));
        await RecordAsync(Answer(Day1, "repeated", "Asia/Tokyo"));
        await RecordLaterPracticeAsync(IMemberStore.RecentInteractionsRecognised);

        var result = await RecordAsync(Answer(Day1, "repeated", "UTC"));

        Assert.Equal(new CreditResult(CreditStatus.AlreadyCountedToday, Day1, "UTC", new StreakSummary(Day1, 1, 1, 1)), result);
        Assert.Equal(IMemberStore.RecentInteractionsRecognised + 3, await CountAsync(Day1));
    }

    [Fact]
    public async Task RecordAnswerAsync_CreditRepeatedOnItsDayAfterManyLaterAnswers_ChangesNothing()
    {
        await RecordAsync(Answer(Day1, "1000", "Europe/Berlin"));
        for (var n = 1; n <= IMemberStore.RecentInteractionsRecognised + 4; n++)
        {
            await RecordAsync(Answer(Day1.AddDays(n), $"{1000 + n}"));
        }

        var result = await RecordAsync(Answer(Day1, "1000", "UTC"));

        Assert.Equal(CreditStatus.DuplicateInteraction, result.Status);
        Assert.Equal((Day1, "Europe/Berlin"), (result.LocalDate, result.TimeZoneId));
        Assert.Equal(1, await CountAsync(Day1));
    }

    [Fact]
    public async Task RecordAnswerAsync_SameInteractionIdFromAnotherMember_CountsForThatMember()
    {
        await RecordAsync(Answer(Day1, "1001"));

        var otherMember = await RecordAsync(Answer(Day1, "1001") with { MemberId = Grace });
        var otherServer = await RecordAsync(Answer(Day1, "1001") with { ServerId = OtherServer });

        Assert.Equal(CreditStatus.Credited, otherMember.Status);
        Assert.Equal(CreditStatus.Credited, otherServer.Status);
        Assert.Equal(1, await Store.CountAnswersAsync(Server, Grace, Day1, CancellationToken.None));
        Assert.Equal(1, await Store.CountAnswersAsync(OtherServer, Ada, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_ConcurrentAnswersOfOneMemberAndDay_OneCreditTheRestPractice()
    {
        const int Writers = 8;
        const int AnswersEach = 50;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(async writer =>
        {
            await go.Task;
            var results = new List<CreditResult>();
            for (var i = 0; i < AnswersEach; i++)
            {
                results.Add(await RecordAsync(Answer(Day1, $"{writer}-{i}")));
            }

            return results;
        }).ToList();

        go.SetResult();
        var all = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();

        Assert.Equal(1, all.Count(r => r.Status == CreditStatus.Credited));
        Assert.Equal((Writers * AnswersEach) - 1, all.Count(r => r.Status == CreditStatus.AlreadyCountedToday));
        Assert.Equal(Writers * AnswersEach, await CountAsync(Day1));
        Assert.Equal(new StreakSummary(Day1, 1, 1, 1), (await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.Streak);
    }

    [Fact]
    public async Task RecordAnswerAsync_CancelledBeforeStart_FailsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.RecordAnswerAsync(Answer(Day1, "1001"), cancelled.Token));

        Assert.Null(await Store.GetMemberAsync(Server, Ada, CancellationToken.None));
        Assert.Equal(CreditStatus.Credited, (await RecordAsync(Answer(Day1, "1001"))).Status);
    }

    [Theory]
    [InlineData("discord:18446744073709551000", "18446744073709550001")] // digits above long.MaxValue
    [InlineData("slack:T0123ABCD", "U0456EFGH")]
    [InlineData("console:local", "local")]
    public async Task RecordAnswerAsync_PlatformIds_RoundTrip(string serverId, string memberId)
    {
        await RecordAsync(Answer(Day1, name: "Grace") with { ServerId = serverId, MemberId = memberId });
        await RecordAsync(Answer(Day1) with { MemberId = memberId });

        var member = Assert.Single(await Store.GetMembersAsync(serverId, CancellationToken.None));

        Assert.Equal(new MemberRecord(serverId, memberId, "Grace", null, new StreakSummary(Day1, 1, 1, 1)), member);
        Assert.Equal(member, await Store.GetMemberAsync(serverId, memberId, CancellationToken.None));
        Assert.Equal([Day1], await Store.GetActiveDaysAsync(serverId, memberId, CancellationToken.None));
        Assert.Equal(1, await Store.CountAnswersAsync(serverId, memberId, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task SetTimeZoneAsync_NewMember_CreatesTheMemberWithNoStreak()
    {
        await Store.SetTimeZoneAsync(Server, Ada, "Ada", "Asia/Kolkata", CancellationToken.None);

        Assert.Equal(new MemberRecord(Server, Ada, "Ada", "Asia/Kolkata", StreakSummary.Empty), await Store.GetMemberAsync(Server, Ada, CancellationToken.None));
        Assert.Empty(await Store.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
    }

    [Fact]
    public async Task SetTimeZoneAsync_AnswersThenClear_AnswersKeepTheZoneAndClearingKeepsTheStreak()
    {
        await Store.SetTimeZoneAsync(Server, Ada, "Ada", "Asia/Kolkata", CancellationToken.None);
        await RecordAsync(Answer(Day1, zone: "Asia/Kolkata", name: "Ada L."));
        await RecordAsync(Answer(Day1, zone: "Asia/Kolkata", name: "Ada L."));
        var answered = await Store.GetMemberAsync(Server, Ada, CancellationToken.None);

        await Store.SetTimeZoneAsync(Server, Ada, "Ada M.", null, CancellationToken.None);

        var streak = new StreakSummary(Day1, 1, 1, 1);
        Assert.Equal(new MemberRecord(Server, Ada, "Ada L.", "Asia/Kolkata", streak), answered);
        Assert.Equal(new MemberRecord(Server, Ada, "Ada M.", null, streak), await Store.GetMemberAsync(Server, Ada, CancellationToken.None));
        Assert.Equal(2, await CountAsync(Day1));
    }

    [Fact]
    public async Task GetMembersAsync_TwoServers_ReturnsOnlyThatServersMembersWithOrWithoutAnswers()
    {
        await RecordAsync(Answer(Day1) with { MemberId = "2200000000000000011" });
        await Store.SetTimeZoneAsync(Server, "2200000000000000012", "Zone only", "UTC", CancellationToken.None);
        await RecordAsync(Answer(Day1) with { ServerId = OtherServer, MemberId = "2200000000000000013" });

        var members = await Store.GetMembersAsync(Server, CancellationToken.None);

        Assert.Equal(["2200000000000000011", "2200000000000000012"], members.Select(m => m.MemberId).Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.Equal(Server, m.ServerId));
        Assert.Null(await Store.GetMemberAsync(Server, "2200000000000000013", CancellationToken.None));
    }

    [Fact]
    public async Task GetMembersAsync_ServerIdThatIsAPrefixOfAnother_ReturnsOnlyItsOwnMembers()
    {
        // "discord:110…0" is a prefix of "discord:110…01": the ids are opaque strings, not numbers to compare.
        const string PrefixServer = "discord:110000000000000000";
        await RecordAsync(Answer(Day1));
        await RecordAsync(Answer(Day1) with { ServerId = PrefixServer, MemberId = Grace });

        var prefixMembers = await Store.GetMembersAsync(PrefixServer, CancellationToken.None);

        Assert.Equal([Grace], prefixMembers.Select(m => m.MemberId));
        Assert.Equal([Ada], (await Store.GetMembersAsync(Server, CancellationToken.None)).Select(m => m.MemberId));
        Assert.Empty(await Store.GetActiveDaysAsync(PrefixServer, Ada, CancellationToken.None));
        Assert.Equal(0, await Store.CountAnswersAsync(PrefixServer, Ada, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_ProfileZone_KeptOnTheMemberUntilAnotherOneArrives()
    {
        var credited = await RecordAsync(Answer(Day1, "1001") with { ProfileTimeZoneId = "America/Los_Angeles" });
        var afterCredit = await Store.GetMemberAsync(Server, Ada, CancellationToken.None);

        await RecordAsync(Answer(Day1, "1002"));
        var afterAnswerWithout = await Store.GetMemberAsync(Server, Ada, CancellationToken.None);

        await RecordAsync(Answer(Day1, "1003") with { ProfileTimeZoneId = "Asia/Tokyo" });
        var afterPractice = await Store.GetMemberAsync(Server, Ada, CancellationToken.None);

        await RecordAsync(Answer(Day1.AddDays(1)) with { ProfileTimeZoneId = "Europe/Paris" });
        var afterNextCredit = await Store.GetMemberAsync(Server, Ada, CancellationToken.None);

        Assert.Equal(new MemberRecord(Server, Ada, "Ada", null, credited.Streak, "America/Los_Angeles"), afterCredit);
        Assert.Equal("America/Los_Angeles", afterAnswerWithout?.ProfileTimeZoneId);
        Assert.Equal("Asia/Tokyo", afterPractice?.ProfileTimeZoneId);
        Assert.Equal("Europe/Paris", afterNextCredit?.ProfileTimeZoneId);
        Assert.Equal("Europe/Paris", Assert.Single(await Store.GetMembersAsync(Server, CancellationToken.None)).ProfileTimeZoneId);
    }

    [Fact]
    public async Task RecordAnswerAsync_RepeatedInteractionWithAnotherProfileZone_KeepsTheStoredOne()
    {
        await RecordAsync(Answer(Day1, "1001") with { ProfileTimeZoneId = "America/Los_Angeles" });

        var repeat = await RecordAsync(Answer(Day1, "1001") with { ProfileTimeZoneId = "Asia/Tokyo" });

        Assert.Equal(CreditStatus.DuplicateInteraction, repeat.Status);
        Assert.Equal("America/Los_Angeles", (await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.ProfileTimeZoneId);
    }

    [Fact]
    public async Task SetTimeZoneAsync_MemberWithAProfileZone_KeepsTheProfileZone()
    {
        await RecordAsync(Answer(Day1, "1001") with { ProfileTimeZoneId = "America/Los_Angeles" });

        await Store.SetTimeZoneAsync(Server, Ada, "Ada", "Asia/Kolkata", CancellationToken.None);
        var withOwnZone = await Store.GetMemberAsync(Server, Ada, CancellationToken.None);
        await Store.SetTimeZoneAsync(Server, Ada, "Ada", null, CancellationToken.None);

        Assert.Equal(("Asia/Kolkata", "America/Los_Angeles"), (withOwnZone?.TimeZoneId, withOwnZone?.ProfileTimeZoneId));
        Assert.Equal("America/Los_Angeles", (await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.ProfileTimeZoneId);
    }

    [Fact]
    public async Task SetTimeZoneAsync_NewMember_HasNoProfileZone()
    {
        await Store.SetTimeZoneAsync(Server, Ada, "Ada", "Asia/Kolkata", CancellationToken.None);

        Assert.Null((await Store.GetMemberAsync(Server, Ada, CancellationToken.None))?.ProfileTimeZoneId);
    }

    /// <summary>An answer of <see cref="Ada"/> on <see cref="Server"/>.</summary>
    protected static AnswerRecord Answer(DateOnly localDate, string? interactionId = null, string zone = "Europe/Berlin", string name = "Ada") =>
        new(Server, Ada, name, localDate, zone, interactionId, 7, AnswerSource.AnswerButton, At);

    private Task<CreditResult> RecordAsync(AnswerRecord answer) => Store.RecordAnswerAsync(answer, CancellationToken.None);

    private Task<int> CountAsync(DateOnly localDate) => Store.CountAnswersAsync(Server, Ada, localDate, CancellationToken.None);

    /// <summary><paramref name="count"/> more practice answers on <see cref="Day1"/>, each with its own interaction id.</summary>
    private async Task RecordLaterPracticeAsync(int count)
    {
        for (var n = 1; n <= count; n++)
        {
            Assert.Equal(CreditStatus.AlreadyCountedToday, (await RecordAsync(Answer(Day1, $"later-{n}"))).Status);
        }
    }
}
