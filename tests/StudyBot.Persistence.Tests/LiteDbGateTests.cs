using System.Diagnostics;
using LiteDB;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbGateTests : IDisposable
{
    /// <summary>Server 5 and member 42 of the version 1 and 2 files below, as every later migration leaves them.</summary>
    private const string MigratedServer = "discord:5";
    private const string MigratedMember = "42";

    private readonly TempDirectory _directory = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _probeOutcomes = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Inserts <paramref name="i"/>, then fails for every tenth item from 7; records what the caller saw.</summary>
    private void Probe(LiteDbGate gate, int i)
    {
        try
        {
            gate.RunInTransaction(db =>
            {
                db.GetCollection("probe").Insert(new BsonDocument { ["_id"] = i });
                return i % 10 == 7 ? throw new InvalidOperationException($"item {i}") : i;
            });
            _probeOutcomes[i] = "ok";
        }
        catch (InvalidOperationException ex)
        {
            _probeOutcomes[i] = ex.Message;
        }
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesFileWithSchemaVersion1AndLockFile()
    {
        using var gate = new LiteDbGate(_directory.DataFile);

        Assert.True(File.Exists(_directory.DataFile));
        Assert.True(File.Exists(_directory.DataFile + ".lock"));
        Assert.Equal(_directory.DataFile + ".lock", gate.LockPath);
        Assert.Equal(Schema.Version, gate.Run(db => db.UserVersion));
        Assert.Equal(
            [Schema.AdapterState, Schema.DailySlots, Schema.MemberNotices, Schema.Ratings, Schema.Reminders, Schema.ServerQuestions, Schema.Servers, Schema.StreakLedger, Schema.Streaks],
            gate.Run(db => db.GetCollectionNames().Order(StringComparer.Ordinal).ToList()));
    }

    [Fact]
    public async Task Dispose_ThenReopen_KeepsEveryCollectionAndTheSchemaVersion()
    {
        var settings = new ServerSettings(Answers.Server, "600", new TimeOnly(8, 0), "Europe/Berlin", null, false, null, Answers.At);
        var slot = new DailySlot(Answers.Server, Answers.Day1, DailySlotStatus.Sent, 12, 1, "nonce-1", "700", Answers.At, Answers.At.AddSeconds(2));
        using (var gate = new LiteDbGate(_directory.DataFile))
        {
            await new LiteDbMemberStore(gate).RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1, "1001"), CancellationToken.None);
            await new LiteDbServerStore(gate).SaveAsync(settings, CancellationToken.None);
            await new LiteDbDailyPostStore(gate).ClaimAsync(slot, CancellationToken.None);
        }

        Assert.False(File.Exists(_directory.DataFile + ".lock"));
        using var reopened = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(reopened);

        Assert.Equal(Schema.Version, reopened.Run(db => db.UserVersion));
        Assert.Equal(new StreakSummary(Answers.Day1, 1, 1, 1), (await members.GetMemberAsync(Answers.Server, Answers.Ada, CancellationToken.None))?.Streak);
        Assert.Equal([Answers.Day1], await members.GetActiveDaysAsync(Answers.Server, Answers.Ada, CancellationToken.None));
        Assert.Equal(1, await members.CountAnswersAsync(Answers.Server, Answers.Ada, Answers.Day1, CancellationToken.None));
        var again = await members.RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1.AddDays(3), "1001"), CancellationToken.None);
        Assert.Equal(CreditStatus.DuplicateInteraction, again.Status);
        Assert.Equal(settings, await new LiteDbServerStore(reopened).GetAsync(Answers.Server, CancellationToken.None));
        Assert.Equal(slot, await new LiteDbDailyPostStore(reopened).GetAsync(Answers.Server, Answers.Day1, CancellationToken.None));
    }

    [Fact]
    public async Task Constructor_Version1File_CountsAnswersOnTheDaysAndKeepsRedeliveries()
    {
        // A version 1 file as that version wrote it: full answers, a day-key index, days without a count.
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.DataFile)!);
        using (var db = new LiteDatabase(new ConnectionString { Filename = _directory.DataFile, Connection = ConnectionType.Direct }))
        {
            var answers = db.GetCollection(Schema.Answers);
            answers.EnsureIndex("DayKey", "$.DayKey");
            foreach (var (id, date) in new[] { ("1001", "2026-11-24"), ("1002", "2026-11-24"), ("1003", "2026-11-25") })
            {
                answers.Insert(new BsonDocument
                {
                    ["_id"] = id,
                    ["DayKey"] = "5:42:" + date,
                    ["Server"] = 5L,
                    ["Member"] = 42L,
                    ["DisplayName"] = "Ada",
                    ["LocalDate"] = date,
                    ["TimeZoneId"] = "Europe/Berlin",
                    ["QuestionId"] = 7,
                    ["Source"] = "AnswerButton",
                    ["Status"] = id == "1002" ? "AlreadyCountedToday" : "Credited",
                    ["AnsweredAt"] = "2026-11-24T09:30:00.0000000+01:00",
                });
            }

            db.GetCollection(Schema.ActiveDays).Insert(new BsonDocument { ["_id"] = "5:42:2026-11-24", ["Date"] = "2026-11-24" });
            db.GetCollection(Schema.ActiveDays).Insert(new BsonDocument { ["_id"] = "5:42:2026-11-25", ["Date"] = "2026-11-25" });
            db.UserVersion = 1;
        }

        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);

        Assert.Equal(Schema.Version, gate.Run(db => db.UserVersion));
        Assert.DoesNotContain(gate.Run(db => db.GetCollection("$indexes").Query().ToList()), i => i["name"] == "DayKey");
        Assert.Equal([Answers.Day1, Answers.Day1.AddDays(1)], await members.GetActiveDaysAsync(MigratedServer, MigratedMember, CancellationToken.None));
        Assert.Equal(2, await members.CountAnswersAsync(MigratedServer, MigratedMember, Answers.Day1, CancellationToken.None));
        Assert.Equal(1, await members.CountAnswersAsync(MigratedServer, MigratedMember, Answers.Day1.AddDays(1), CancellationToken.None));
        var again = await members.RecordAnswerAsync(Answers.For(MigratedServer, MigratedMember, Answers.Day1.AddDays(3), "1003", "UTC"), CancellationToken.None);
        Assert.Equal(CreditStatus.DuplicateInteraction, again.Status);
        Assert.Equal((Answers.Day1.AddDays(1), "Europe/Berlin"), (again.LocalDate, again.TimeZoneId));
    }

    [Fact]
    public async Task Constructor_Version2File_MovesMembersDaysAndAnswersIntoOneCollection()
    {
        WriteVersion2File(_directory.DataFile);

        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);

        Assert.Equal(Schema.Version, gate.Run(db => db.UserVersion));
        Assert.Equal(
            [Schema.AdapterState, Schema.DailySlots, Schema.MemberNotices, Schema.Ratings, Schema.Reminders, Schema.ServerQuestions, Schema.Servers, Schema.StreakLedger, Schema.Streaks],
            gate.Run(db => db.GetCollectionNames().Order(StringComparer.Ordinal).ToList()));
        Assert.Equal(
            new MemberRecord(MigratedServer, MigratedMember, "Ada", "Europe/Berlin", new StreakSummary(Answers.Day1.AddDays(1), 2, 2, 2)),
            await members.GetMemberAsync(MigratedServer, MigratedMember, CancellationToken.None));
        Assert.Equal([Answers.Day1, Answers.Day1.AddDays(1)], await members.GetActiveDaysAsync(MigratedServer, MigratedMember, CancellationToken.None));
        Assert.Equal(2, await members.CountAnswersAsync(MigratedServer, MigratedMember, Answers.Day1, CancellationToken.None));

        var practice = await members.RecordAnswerAsync(Answers.For(MigratedServer, MigratedMember, Answers.Day1, "1004"), CancellationToken.None);
        var credit = await members.RecordAnswerAsync(Answers.For(MigratedServer, MigratedMember, Answers.Day1.AddDays(4), "1001", "UTC"), CancellationToken.None);
        var practiceAgain = await members.RecordAnswerAsync(Answers.For(MigratedServer, MigratedMember, Answers.Day1.AddDays(4), "1002", "UTC"), CancellationToken.None);

        Assert.Equal(CreditStatus.AlreadyCountedToday, practice.Status);
        Assert.Equal(3, await members.CountAnswersAsync(MigratedServer, MigratedMember, Answers.Day1, CancellationToken.None));
        Assert.Equal((CreditStatus.DuplicateInteraction, Answers.Day1, "Europe/Berlin"), (credit.Status, credit.LocalDate, credit.TimeZoneId));
        Assert.Equal((CreditStatus.DuplicateInteraction, Answers.Day1, "Asia/Tokyo"), (practiceAgain.Status, practiceAgain.LocalDate, practiceAgain.TimeZoneId));
    }

    [Fact]
    public async Task Constructor_Version2CopyInterruptedBeforeTheDrops_CopiesAgainOverTheSameIds()
    {
        // The copy committed, but the process stopped before the old collections were dropped and the version set.
        WriteVersion2File(_directory.DataFile);
        using (var db = new LiteDatabase(new ConnectionString { Filename = _directory.DataFile, Connection = ConnectionType.Direct }))
        {
            Schema.EnsureCollections(db);
            Schema.MigrateFrom2(db);
            db.UserVersion = 2;
        }

        WriteVersion2File(_directory.DataFile);

        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);

        Assert.Equal(Schema.Version, gate.Run(db => db.UserVersion));
        Assert.Equal(
            ["d:discord:5:42:2026-11-24", "d:discord:5:42:2026-11-25", "m:discord:5:42", "p:discord:5:42:2026-11-24:1"],
            gate.Run(db => db.GetCollection(Schema.Streaks).FindAll().Select(d => d["_id"].AsString).Order(StringComparer.Ordinal).ToList()));
        Assert.Equal(2, await members.CountAnswersAsync(MigratedServer, MigratedMember, Answers.Day1, CancellationToken.None));
        Assert.Equal(2, (await members.GetMemberAsync(MigratedServer, MigratedMember, CancellationToken.None))?.Streak.TotalDays);
    }

    [Fact]
    public void Constructor_NewFile_ComparesIdsOrdinally()
    {
        using var gate = new LiteDbGate(_directory.DataFile);

        Assert.Equal(Schema.NewFileCollation.ToString(), gate.Run(db => db.Pragma("COLLATION").AsString));
    }

    [Fact(Timeout = 30_000)]
    public async Task IdleGate_AfterACredit_CheckpointsTheLogIntoTheDataFile()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var log = Path.ChangeExtension(_directory.DataFile, null) + "-log.db";
        await new LiteDbMemberStore(gate).RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1, "1001"), CancellationToken.None);
        Assert.True(LogLength() > 0, "the commit should be in the log first");

        var waited = Stopwatch.StartNew();
        while (LogLength() > 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, LogLength());
        Assert.Equal(LiteDbGate.AutoCheckpointPages, gate.Run(db => db.Pragma("CHECKPOINT").AsInt32));

        long LogLength() => File.Exists(log) ? new FileInfo(log).Length : 0;
    }

    [Fact(Timeout = 60_000)]
    public async Task CheckpointPagesSet_LogPastIt_CheckpointsBetweenBatchesAndKeepsEveryCredit()
    {
        var checkpointed = 0;
        var credits = 0;
        using (var gate = new LiteDbGate(_directory.DataFile) { CheckpointPages = 1 })
        {
            gate.CheckpointObserver = (_, _) => checkpointed++;
            var members = new LiteDbMemberStore(gate);

            // LiteDB writes the log on a thread of its own, so the first batches may not see it grow yet.
            while (checkpointed == 0 && credits < 200)
            {
                await members.RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1.AddDays(credits), $"1{credits:D4}"), CancellationToken.None);
                credits++;
            }
        }

        Assert.True(checkpointed > 0, "the gate should checkpoint once the log passes one page");
        using var reopened = new LiteDbGate(_directory.DataFile);
        Assert.Equal(
            Enumerable.Range(0, credits).Select(Answers.Day1.AddDays),
            await new LiteDbMemberStore(reopened).GetActiveDaysAsync(Answers.Server, Answers.Ada, CancellationToken.None));
    }

    [Fact]
    public void Constructor_SecondGateOnOpenFile_ThrowsStorageUnavailableNamingTheFile()
    {
        using var first = new LiteDbGate(_directory.DataFile);

        var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));

        Assert.Contains(_directory.DataFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another StudyBot process", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);

        // The refused gate must not have disturbed the open one.
        Assert.Equal(Schema.Version, first.Run(db => db.UserVersion));
    }

    [Fact]
    public void Constructor_LockFileHeldElsewhere_ThrowsStorageUnavailable()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.DataFile)!);
        using (new FileStream(_directory.DataFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));
            Assert.Contains(_directory.DataFile + ".lock", error.Message, StringComparison.Ordinal);
        }

        using var gate = new LiteDbGate(_directory.DataFile);
        Assert.Equal(Schema.Version, gate.Run(db => db.UserVersion));
    }

    [LinuxFlockFact]
    public async Task Constructor_LockHeldByAnotherProcess_ThrowsStorageUnavailable()
    {
        // .NET takes FileShare.None as flock(LOCK_EX) on Linux, so the flock(1) tool stands in for a second StudyBot process.
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.DataFile)!);
        var lockPath = _directory.DataFile + ".lock";
        var start = new ProcessStartInfo("flock", ["--exclusive", lockPath, "sh", "-c", "echo locked; sleep 30"]) { RedirectStandardOutput = true };
        using var holder = Process.Start(start)!;
        try
        {
            // The child says so once it holds the lock.
            var said = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(said == "locked", "the child process did not take the lock");
            var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));
            Assert.Contains(_directory.DataFile, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }
    }

    [Fact]
    public void Constructor_FileIsNotLiteDb_ThrowsStorageUnavailableNotLiteException()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.DataFile)!);
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(_directory.DataFile, bytes);

        var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));

        Assert.Contains(_directory.DataFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a LiteDB database", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        Assert.False(File.Exists(_directory.DataFile + ".lock"), "a failed open must release its lock file");
    }

    [Fact]
    public void Constructor_NewerSchemaVersion_ThrowsStorageUnavailable()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory.DataFile)!);
        using (var db = new LiteDatabase(new ConnectionString { Filename = _directory.DataFile, Connection = ConnectionType.Direct }))
        {
            db.UserVersion = Schema.Version + 1;
        }

        var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));

        Assert.Contains(_directory.DataFile, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {Schema.Version + 1}", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.DataFile + ".lock"));
    }

    [Fact(Timeout = 60_000)]
    public async Task RunInTransaction_ItemThrowsInSharedBatch_OnlyThatItemFails()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();

        // The first item holds the lock until 40 more are queued, so they run together in one shared transaction.
        var holder = Task.Run(() => gate.RunInTransaction(db =>
        {
            entered.SetResult();
            release.Wait();
            db.GetCollection("probe").Insert(new BsonDocument { ["_id"] = -1 });
            return -1;
        }));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var items = Enumerable.Range(0, 40).Select(i => new Thread(() => Probe(gate, i))).ToList();
        items.ForEach(t => t.Start());
        while (gate.QueuedCount < items.Count)
        {
            await Task.Delay(5);
        }

        release.Set();
        await holder;
        items.ForEach(t => t.Join());

        var stored = gate.Run(db => db.GetCollection("probe").FindAll().Select(d => d["_id"].AsInt32).Order().ToList());
        Assert.Equal(Enumerable.Range(-1, 41).Where(i => i % 10 != 7), stored);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i % 10 == 7 ? $"item {i}" : "ok"), _probeOutcomes.OrderBy(o => o.Key).Select(o => o.Value));
    }

    [Fact(Timeout = 30_000)]
    public async Task RunInTransaction_QueuedBehindPlainRun_RunsWhenTheRunLeaves()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // A plain Run holds the lock; the transaction queued meanwhile sleeps until the Run leaves and wakes it.
        var holder = Task.Run(() => gate.Run(db =>
        {
            entered.Set();
            release.Wait();
            return 0;
        }));
        entered.Wait();
        var queued = new Thread(() => gate.RunInTransaction(db => db.GetCollection("probe").Insert(new BsonDocument { ["_id"] = 1 })));
        queued.Start();
        Assert.True(SpinWait.SpinUntil(() => gate.QueuedCount >= 1, TimeSpan.FromSeconds(20)), "the waiting work should be queued");

        release.Set();
        await holder;

        Assert.True(queued.Join(TimeSpan.FromSeconds(20)), "the queued transaction should run once the lock is free");
        Assert.Equal(1, gate.Run(db => db.GetCollection("probe").Count()));
    }

    [Fact(Timeout = 30_000)]
    public async Task Dispose_WhileTransactionsWait_FailsThemWithObjectDisposed()
    {
        var gate = new LiteDbGate(_directory.DataFile);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(() => gate.RunInTransaction(db =>
        {
            entered.Set();
            release.Wait();
            return 0;
        }));
        entered.Wait();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var waiting = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
        {
            try
            {
                gate.RunInTransaction(db => 1);
                outcomes.Add("ran");
            }
            catch (ObjectDisposedException)
            {
                outcomes.Add("disposed");
            }
        })).ToList();
        waiting.ForEach(t => t.Start());
        Assert.True(SpinWait.SpinUntil(() => gate.QueuedCount >= 3, TimeSpan.FromSeconds(20)), "the waiting work should be queued");

        // Dispose waits for the lock: the holder runs the queued items unless it has left by then.
        var disposing = Task.Run(gate.Dispose);
        release.Set();
        await holder;
        await disposing;

        Assert.All(waiting, t => Assert.True(t.Join(TimeSpan.FromSeconds(20)), "no waiter may sleep forever"));
        Assert.Equal(3, outcomes.Count);
        Assert.Throws<ObjectDisposedException>(() => gate.RunInTransaction(db => 1));
    }

    [Fact]
    public async Task Dispose_ThenUseStore_FailsWithObjectDisposed()
    {
        var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        gate.Dispose();
        gate.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => members.GetMemberAsync(Answers.Server, Answers.Ada, CancellationToken.None));
    }

    /// <summary>A version 2 file as that version wrote it (members, active days with a count, slim answers), or its old collections again.</summary>
    private static void WriteVersion2File(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        db.GetCollection(Schema.Members).Insert(new BsonDocument
        {
            ["_id"] = "5:42",
            ["Server"] = 5L,
            ["Member"] = 42L,
            ["DisplayName"] = "Ada",
            ["TimeZoneId"] = "Europe/Berlin",
            ["LastActiveDate"] = "2026-11-25",
            ["RunEndingOnLastDate"] = 2,
            ["BestStreak"] = 2,
            ["TotalDays"] = 2,
        });
        db.GetCollection(Schema.ActiveDays).Insert(new BsonDocument { ["_id"] = "5:42:2026-11-24", ["Date"] = "2026-11-24", ["Answers"] = 2 });
        db.GetCollection(Schema.ActiveDays).Insert(new BsonDocument { ["_id"] = "5:42:2026-11-25", ["Date"] = "2026-11-25", ["Answers"] = 1 });
        var answers = db.GetCollection(Schema.Answers);
        foreach (var (id, date, zone, status) in new[]
        {
            ("1001", "2026-11-24", "Europe/Berlin", "Credited"),
            ("1002", "2026-11-24", "Asia/Tokyo", "AlreadyCountedToday"),
            ("1003", "2026-11-25", "Europe/Berlin", "Credited"),
        })
        {
            answers.Insert(new BsonDocument { ["_id"] = id, ["DayKey"] = "5:42:" + date, ["TimeZoneId"] = zone, ["QuestionId"] = 7, ["Status"] = status });
        }

        db.UserVersion = 2;
    }
}
