using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbMemberStoreTests : IDisposable
{
    private const string Server = Answers.Server;
    private const string Ada = Answers.Ada;
    private const int Writers = 8;
    private const int AnswersPerWriter = 500;

    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task RecordAnswerAsync_8WritersDistinctMemberDays_CreditsAll4000()
    {
        // 1,000 members × 4 days; a member's 4 days come from 4 writers at the same moment, in any order.
        var results = await RunWritersAsync(n => Answers.For(Server, Member((n / 4) + 1), Answers.Day1.AddDays(n % 4)));

        Assert.Equal(Writers * AnswersPerWriter, results.Count(r => r.Status == CreditStatus.Credited));
        var members = await _store.Members.GetMembersAsync(Server, CancellationToken.None);
        Assert.Equal(1000, members.Count);
        Assert.All(members, m => Assert.Equal(new StreakSummary(Answers.Day1.AddDays(3), 4, 4, 4), m.Streak));
        Assert.Equal(4000, members.Sum(m => m.Streak.TotalDays));
        Assert.Equal(4000, _store.CountActiveDays());
        Assert.Equal(4000, _store.CountAnswers());
    }

    [Fact(Timeout = 120_000)]
    public async Task RecordAnswerAsync_8WritersSameMemberSameDay_OneCreditRestPractice()
    {
        var results = await RunWritersAsync(_ => Answers.For(Server, Ada, Answers.Day1));

        Assert.Equal(1, results.Count(r => r.Status == CreditStatus.Credited));
        Assert.Equal(3999, results.Count(r => r.Status == CreditStatus.AlreadyCountedToday));
        Assert.All(results, r => Assert.Equal(1, r.Streak.TotalDays));
        Assert.Equal(4000, await _store.Members.CountAnswersAsync(Server, Ada, Answers.Day1, CancellationToken.None));
        Assert.Equal(4000, _store.CountAnswers());
        Assert.Equal([Answers.Day1], await _store.Members.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
    }

    [Fact(Timeout = 120_000)]
    public async Task RecordAnswerAsync_SameInteractionFrom8Writers_StoresOneAnswerEach()
    {
        // 500 interactions, each delivered once by every writer.
        var all = await RunWritersAsync(n => Answers.For(Server, Member((n / Writers) + 1), Answers.Day1, interactionId: $"9{n / Writers:D17}"));

        Assert.Equal(AnswersPerWriter, all.Count(r => r.Status == CreditStatus.Credited));
        Assert.Equal(AnswersPerWriter * (Writers - 1), all.Count(r => r.Status == CreditStatus.DuplicateInteraction));
        Assert.Equal(AnswersPerWriter, _store.CountAnswers());
        Assert.Equal(1, await _store.Members.CountAnswersAsync(Server, Member(1), Answers.Day1, CancellationToken.None));
    }

    [Fact(Timeout = 120_000)]
    public async Task RecordAnswerAsync_500ConsecutiveDaysInRandomOrderFrom8Writers_BestStreak500()
    {
        var dates = Enumerable.Range(0, Writers * AnswersPerWriter).Select(n => Answers.Day1.AddDays(n % 500)).ToArray();
        new Random(20261124).Shuffle(dates);
        var results = await RunWritersAsync(n => Answers.For(Server, Ada, dates[n]));

        Assert.Equal(500, results.Count(r => r.Status == CreditStatus.Credited));
        var member = await _store.Members.GetMemberAsync(Server, Ada, CancellationToken.None);
        Assert.NotNull(member);
        Assert.Equal(new StreakSummary(dates.Max(), 500, 500, 500), member.Streak);
        Assert.Equal(StreakMath.Recompute(dates), member.Streak);
        Assert.Equal(dates.Distinct().Order(), await _store.Members.GetActiveDaysAsync(Server, Ada, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_InteractionRedeliveredLater_ReturnsOriginalDateAndZone()
    {
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1001", "Europe/Berlin"), CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(1), "1002"), CancellationToken.None);

        var redelivered = Answers.For(Server, Ada, Answers.Day1.AddDays(5), "1001", "America/New_York");
        var result = await _store.Members.RecordAnswerAsync(redelivered, CancellationToken.None);

        Assert.Equal(CreditStatus.DuplicateInteraction, result.Status);
        Assert.Equal(Answers.Day1, result.LocalDate);
        Assert.Equal("Europe/Berlin", result.TimeZoneId);
        Assert.Equal(new StreakSummary(Answers.Day1.AddDays(1), 2, 2, 2), result.Streak);
        Assert.Equal(0, await _store.Members.CountAnswersAsync(Server, Ada, Answers.Day1.AddDays(5), CancellationToken.None));
        Assert.Equal(2, _store.CountAnswers());
    }

    [Fact]
    public async Task RecordAnswerAsync_PracticeAnswerRedeliveredNextDay_ReturnsItsOwnDateAndZone()
    {
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1001", "Europe/Berlin"), CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1002", "Asia/Tokyo"), CancellationToken.None);

        var result = await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(1), "1002", "UTC"), CancellationToken.None);

        Assert.Equal(CreditStatus.DuplicateInteraction, result.Status);
        Assert.Equal((Answers.Day1, "Asia/Tokyo"), (result.LocalDate, result.TimeZoneId));
        Assert.Equal(new StreakSummary(Answers.Day1, 1, 1, 1), result.Streak);
        Assert.Equal(2, _store.CountAnswers());
    }

    [Fact]
    public async Task RecordAnswerAsync_CreditRedeliveredOnItsDayAfterManyLaterAnswers_StillOneCredit()
    {
        // The member keeps only the latest answers' interaction ids; a day's credit is also found on the day itself.
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1000"), CancellationToken.None);
        for (var n = 1; n <= 20; n++)
        {
            await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(n), $"{1000 + n}"), CancellationToken.None);
        }

        var result = await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1000", "UTC"), CancellationToken.None);

        Assert.Equal(CreditStatus.DuplicateInteraction, result.Status);
        Assert.Equal((Answers.Day1, "Europe/Berlin"), (result.LocalDate, result.TimeZoneId));
        Assert.Equal(1, await _store.Members.CountAnswersAsync(Server, Ada, Answers.Day1, CancellationToken.None));
        Assert.Equal(21, _store.CountAnswers());
    }

    [Fact]
    public async Task RecordAnswerAsync_DayBeforeLastActiveDay_RecomputesFromAllDays()
    {
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1), CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(2)), CancellationToken.None);

        var result = await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(1)), CancellationToken.None);

        Assert.Equal(CreditStatus.Credited, result.Status);
        Assert.Equal(new StreakSummary(Answers.Day1.AddDays(2), 3, 3, 3), result.Streak);
        Assert.Equal(result.Streak, (await _store.Members.GetMemberAsync(Server, Ada, CancellationToken.None))?.Streak);
    }

    [Fact]
    public async Task RecordAnswerAsync_SecondAnswerSameDay_KeptAsPracticeWithCurrentStreak()
    {
        var first = await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1), CancellationToken.None);
        var second = await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1), CancellationToken.None);

        Assert.Equal(CreditStatus.Credited, first.Status);
        Assert.Equal(CreditStatus.AlreadyCountedToday, second.Status);
        Assert.Equal(first.Streak, second.Streak);
        Assert.Equal(2, await _store.Members.CountAnswersAsync(Server, Ada, Answers.Day1, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_IdsAboveLongMaxValue_RoundTrip()
    {
        const string bigServer = "discord:18446744073709551615";
        const string bigMember = "18446744073709551614";
        await _store.Members.RecordAnswerAsync(Answers.For(bigServer, bigMember, Answers.Day1, displayName: "Grace"), CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For(Server, bigMember, Answers.Day1), CancellationToken.None);

        var members = await _store.Members.GetMembersAsync(bigServer, CancellationToken.None);

        var member = Assert.Single(members);
        Assert.Equal(bigServer, member.ServerId);
        Assert.Equal(bigMember, member.MemberId);
        Assert.Equal("Grace", member.DisplayName);
        Assert.Equal(1, member.Streak.TotalDays);
    }

    [Fact]
    public async Task SetTimeZoneAsync_NewMemberThenClear_CreatesMemberAndKeepsStreak()
    {
        await _store.Members.SetTimeZoneAsync(Server, Ada, "Ada", "Asia/Kolkata", CancellationToken.None);
        var created = await _store.Members.GetMemberAsync(Server, Ada, CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, displayName: "Ada L."), CancellationToken.None);
        await _store.Members.SetTimeZoneAsync(Server, Ada, "Ada L.", null, CancellationToken.None);
        var cleared = await _store.Members.GetMemberAsync(Server, Ada, CancellationToken.None);

        Assert.Equal(new MemberRecord(Server, Ada, "Ada", "Asia/Kolkata", StreakSummary.Empty), created);
        Assert.Equal(new MemberRecord(Server, Ada, "Ada L.", null, new StreakSummary(Answers.Day1, 1, 1, 1)), cleared);
    }

    [Fact]
    public async Task GetMembersAsync_TwoServers_ReturnsOnlyThatServer()
    {
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Member(1), Answers.Day1), CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For(Server, Member(2), Answers.Day1), CancellationToken.None);
        await _store.Members.RecordAnswerAsync(Answers.For("discord:1100000000000000002", Member(3), Answers.Day1), CancellationToken.None);

        var members = await _store.Members.GetMembersAsync(Server, CancellationToken.None);

        Assert.Equal([Member(1), Member(2)], members.Select(m => m.MemberId).Order(StringComparer.Ordinal));
        Assert.Null(await _store.Members.GetMemberAsync(Server, Member(3), CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_CancelledBeforeStart_StoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _store.Members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1), cancelled.Token));

        Assert.Equal(0, _store.CountAnswers());
        Assert.Null(await _store.Members.GetMemberAsync(Server, Ada, CancellationToken.None));
    }

    /// <summary>The n-th member's id: a snowflake's decimal text.</summary>
    private static string Member(int n) => (2_200_000_000_000_000_000UL + (ulong)n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs <see cref="Writers"/> dedicated threads released together, each recording <see cref="AnswersPerWriter"/> answers;
    /// pool threads would mostly run one writer after another and hide races.
    /// </summary>
    private async Task<List<CreditResult>> RunWritersAsync(Func<int, AnswerRecord> answerNumber)
    {
        using var start = new Barrier(Writers);
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                var results = new List<CreditResult>(AnswersPerWriter);
                for (var i = 0; i < AnswersPerWriter; i++)
                {
                    // The store completes synchronously under its gate; waiting here blocks nothing else.
                    results.Add(_store.Members.RecordAnswerAsync(answerNumber((i * Writers) + writer), CancellationToken.None).GetAwaiter().GetResult());
                }

                return results;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));
        return (await Task.WhenAll(writers)).SelectMany(r => r).ToList();
    }
}
