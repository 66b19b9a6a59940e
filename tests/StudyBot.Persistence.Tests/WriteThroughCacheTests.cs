using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

/// <summary>
/// A credit writes the member and their days through the gate's cache; what the cache then gives must be what the file
/// holds, and a credit whose transaction is rolled back must leave nothing behind in it.
/// </summary>
public sealed class WriteThroughCacheTests : IDisposable
{
    private const string Server = Answers.Server;
    private const string Ada = Answers.Ada;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RecordAnswerAsync_AfterDaysAndMemberWereRead_ReadsGiveWhatAFreshGateReadsFromTheFile()
    {
        IReadOnlyList<ActiveDay> cachedDays;
        MemberRecord? cachedMember;
        using (var gate = new LiteDbGate(_directory.DataFile))
        {
            var members = new LiteDbMemberStore(gate);
            await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1001"), CancellationToken.None);
            await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(3), "1002"), CancellationToken.None);
            var before = await members.GetDaysAsync(Server, Ada, CancellationToken.None);
            Assert.NotNull(await members.GetMemberAsync(Server, Ada, CancellationToken.None));

            // A later day, an earlier day (between the two), a practice answer and a new display name, all on cached entries.
            await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(4), "1003", "Asia/Tokyo"), CancellationToken.None);
            await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(1), "1004"), CancellationToken.None);
            await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(3), "1005", displayName: "Ada L."), CancellationToken.None);

            cachedDays = await members.GetDaysAsync(Server, Ada, CancellationToken.None);
            cachedMember = await members.GetMemberAsync(Server, Ada, CancellationToken.None);
            Assert.Equal(2, before.Count);
        }

        using var reopened = new LiteDbGate(_directory.DataFile);
        var fromFile = new LiteDbMemberStore(reopened);
        var fileDays = await fromFile.GetDaysAsync(Server, Ada, CancellationToken.None);
        Assert.Equal(fileDays, cachedDays);
        Assert.Equal(
            [Answers.Day1, Answers.Day1.AddDays(1), Answers.Day1.AddDays(3), Answers.Day1.AddDays(4)],
            cachedDays.Select(d => d.Date));
        Assert.Equal([1, 1, 2, 1], cachedDays.Select(d => d.Answers));
        Assert.Equal("Asia/Tokyo", cachedDays[3].TimeZoneId);
        Assert.Equal(await fromFile.GetMemberAsync(Server, Ada, CancellationToken.None), cachedMember);
        Assert.Equal("Ada L.", cachedMember?.DisplayName);
        Assert.Equal(new StreakSummary(Answers.Day1.AddDays(4), 2, 2, 4), cachedMember?.Streak);
    }

    [Fact]
    public async Task RecordInTransaction_RolledBack_LeavesNoTraceInTheCachedMemberOrDays()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1001"), CancellationToken.None);
        var daysBefore = await members.GetDaysAsync(Server, Ada, CancellationToken.None);
        var memberBefore = await members.GetMemberAsync(Server, Ada, CancellationToken.None);

        // The credit runs (and writes through to the cache), then its transaction fails.
        var error = Assert.Throws<InvalidOperationException>(() => gate.RunInTransaction<int>(db =>
        {
            var result = LiteDbMemberStore.Record(gate, db, Answers.For(Server, Ada, Answers.Day1.AddDays(1), "1002", displayName: "Changed"));
            Assert.Equal(CreditStatus.Credited, result.Status);
            throw new InvalidOperationException("after the credit");
        }));

        Assert.Equal("after the credit", error.Message);
        Assert.Equal(daysBefore, await members.GetDaysAsync(Server, Ada, CancellationToken.None));
        Assert.Equal(memberBefore, await members.GetMemberAsync(Server, Ada, CancellationToken.None));

        // The rolled-back interaction id is not remembered: the same answer is credited when it comes for real.
        var again = await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1.AddDays(1), "1002"), CancellationToken.None);
        Assert.Equal(CreditStatus.Credited, again.Status);
        Assert.Equal(new StreakSummary(Answers.Day1.AddDays(1), 2, 2, 2), again.Streak);
    }

    [Fact]
    public async Task RecordInTransaction_PracticeRolledBack_LeavesTheCachedCountAsStored()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        await members.RecordAnswerAsync(Answers.For(Server, Ada, Answers.Day1, "1001"), CancellationToken.None);
        Assert.Equal(1, (await members.GetDaysAsync(Server, Ada, CancellationToken.None))[0].Answers);

        Assert.Throws<InvalidOperationException>(() => gate.RunInTransaction<int>(db =>
        {
            LiteDbMemberStore.Record(gate, db, Answers.For(Server, Ada, Answers.Day1, "1002"));
            throw new InvalidOperationException("after the practice answer");
        }));

        Assert.Equal(1, (await members.GetDaysAsync(Server, Ada, CancellationToken.None))[0].Answers);
        Assert.Equal(1, await members.CountAnswersAsync(Server, Ada, Answers.Day1, CancellationToken.None));
    }
}

/// <summary>Server and member settings are cached in the gate once read; every write must be seen by the next read.</summary>
public sealed class CachedSettingsTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ServerGetAsync_ReadMissingThenSavedTwice_GivesEachSavedVersion()
    {
        var settings = new Core.Servers.ServerSettings(Answers.Server, "600", new TimeOnly(8, 0), "Europe/Berlin", null, false, null, Answers.At);
        Assert.Null(await _store.Servers.GetAsync(Answers.Server, CancellationToken.None));

        await _store.Servers.SaveAsync(settings, CancellationToken.None);
        Assert.Equal(settings, await _store.Servers.GetAsync(Answers.Server, CancellationToken.None));

        var paused = settings with { Paused = true, PausedReason = "holiday" };
        await _store.Servers.SaveAsync(paused, CancellationToken.None);
        Assert.Equal(paused, await _store.Servers.GetAsync(Answers.Server, CancellationToken.None));
    }

    [Fact]
    public async Task LedgerGetSettingsAsync_ReadDefaultThenSavedThenDeleted_GivesEachState()
    {
        Assert.Equal(MemberStreakSettings.Default, await _store.Ledger.GetSettingsAsync(Answers.Server, Answers.Ada, CancellationToken.None));

        await _store.Ledger.SaveSettingsAsync(Answers.Server, Answers.Ada, new MemberStreakSettings(true, []), CancellationToken.None);
        Assert.True((await _store.Ledger.GetSettingsAsync(Answers.Server, Answers.Ada, CancellationToken.None)).HiddenFromBoards);

        await _store.Ledger.DeleteAsync(Answers.Server, Answers.Ada, CancellationToken.None);
        Assert.False((await _store.Ledger.GetSettingsAsync(Answers.Server, Answers.Ada, CancellationToken.None)).HiddenFromBoards);
    }
}
