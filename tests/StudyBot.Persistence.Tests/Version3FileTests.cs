using LiteDB;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

/// <summary>
/// The committed version 3 data file (Fixtures/README.md lists what it holds), opened by the current gate: it becomes
/// version 4 with every id scoped by its platform and nothing else changed. Each test works on its own copy.
/// </summary>
public sealed class Version3FileTests : IDisposable
{
    private const string ConsoleServer = "console:local";
    private const string ServerA = "discord:1100000000000000001";
    private const string ServerB = "discord:18446744073709551000";
    private const string Ada = "2200000000000000002";
    private const string Grace = "18446744073709550001";

    /// <summary>The version 3 server ids of the fixture and what version 4 calls them: server 1 was the console chat.</summary>
    private static readonly Dictionary<string, string> NewServerIds = new(StringComparer.Ordinal)
    {
        ["1"] = ConsoleServer,
        ["1100000000000000001"] = ServerA,
        ["18446744073709551000"] = ServerB,
    };

    private static readonly string[] Collections = [Schema.AdapterState, Schema.DailySlots, Schema.Servers, Schema.Streaks];

    /// <summary>Collections that came after version 4's migration; start-up creates them empty in a migrated file.</summary>
    private static readonly string[] LaterCollections = [Schema.MemberNotices, Schema.Ratings, Schema.Reminders, Schema.ServerQuestions, Schema.StreakLedger];

    private readonly TempDirectory _directory = new();

    public Version3FileTests()
    {
        Version3Fixture.CopyTo(_directory.DataFile);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Constructor_Version3Fixture_Version4WithEveryDocumentUnderItsNewIdAndNothingElseChanged()
    {
        var original = ReadFile(_directory.DataFile);
        var expected = Collections.ToDictionary(c => c, c => Canonical((original.Documents.TryGetValue(c, out var docs) ? docs : []).Select(d => Version4Of(c, d))), StringComparer.Ordinal);

        using (var gate = new LiteDbGate(_directory.DataFile))
        {
            Assert.Equal(4, gate.Run(db => db.UserVersion));
        }

        var migrated = ReadFile(_directory.DataFile);
        Assert.Equal(3, original.Version);
        Assert.Equal(4, migrated.Version);
        Assert.Equal(Collections.Concat(LaterCollections).Order(StringComparer.Ordinal), migrated.Documents.Keys.Order(StringComparer.Ordinal));
        Assert.All(LaterCollections, c => Assert.Empty(migrated.Documents[c]));
        foreach (var collection in Collections)
        {
            Assert.Equal(expected[collection], Canonical(migrated.Documents[collection]));
        }

        // Spelled out as well, so a mapping above that went wrong the same way as the migration is still caught.
        Assert.Equal([ConsoleServer, ServerA, ServerB], migrated.Documents[Schema.Servers].Select(d => d["_id"].AsString).Order(StringComparer.Ordinal));
        Assert.Contains(migrated.Documents[Schema.Streaks], d => d["_id"] == "m:console:local:local" && d["Server"] == ConsoleServer && d["Member"] == "local");
        Assert.Contains(migrated.Documents[Schema.Streaks], d => d["_id"] == $"m:{ServerB}:{Grace}" && d["Server"] == ServerB && d["Member"] == Grace);
        Assert.Contains(migrated.Documents[Schema.DailySlots], d => d["_id"] == $"{ServerB}:2026-11-21" && d["Server"] == ServerB);
    }

    [Fact]
    public async Task GetAllAsync_MigratedFixture_EveryServerWithAllItsSettingsUnderItsNewId()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var servers = new LiteDbServerStore(gate);

        var all = await servers.GetAllAsync(CancellationToken.None);

        Assert.Equal(
            [
                new ServerSettings(ConsoleServer, "daily", new TimeOnly(9, 0), "UTC", null, false, null, Utc("2026-11-10T09:00:00")),
                new ServerSettings(ServerA, "3300000000000000003", new TimeOnly(9, 30), "Europe/Berlin", "4400000000000000004", false, null, Utc("2026-11-10T09:00:00")),
                new ServerSettings(ServerB, "3300000000000000005", new TimeOnly(18, 0), "America/New_York", null, true, "Discord refused the channel (403 Missing Access).", Utc("2026-11-11T09:00:00")),
            ],
            all.OrderBy(s => s.ServerId, StringComparer.Ordinal));
        Assert.Null(await servers.GetAsync("1100000000000000001", CancellationToken.None));
        Assert.Null(await servers.GetAsync("1", CancellationToken.None));
    }

    [Fact]
    public async Task GetHistoryAsync_MigratedFixture_EverySlotWithStatusQuestionCycleNonceMessageAndTimes()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var posts = new LiteDbDailyPostStore(gate);

        var a = await posts.GetHistoryAsync(ServerA, CancellationToken.None);
        var b = await posts.GetHistoryAsync(ServerB, CancellationToken.None);
        var console = await posts.GetHistoryAsync(ConsoleServer, CancellationToken.None);

        DailySlot[] expectedA =
        [
            .. Enumerable.Range(0, 4).Select(d => new DailySlot(
                ServerA,
                new DateOnly(2026, 11, 20 + d),
                DailySlotStatus.Sent,
                10 + d,
                1,
                $"nonce-a-{d}",
                $"55000000000000000{d}",
                Utc("2026-11-20T09:00:00").AddDays(d),
                Utc("2026-11-20T09:00:01").AddDays(d))),
            new(ServerA, new DateOnly(2026, 11, 24), DailySlotStatus.Claimed, 14, 1, "nonce-a-4", null, Utc("2026-11-24T09:00:00"), null),
        ];
        Assert.Equal(expectedA, a);
        Assert.Equal(
            [
                new DailySlot(ServerB, new DateOnly(2026, 11, 21), DailySlotStatus.Skipped, null, 1, "nonce-b-skip", null, Utc("2026-11-21T09:00:00"), null),
                new DailySlot(ServerB, new DateOnly(2026, 11, 22), DailySlotStatus.Missed, null, 1, "nonce-b-miss", null, Utc("2026-11-22T09:00:00"), null),
            ],
            b);
        Assert.Equal(
            [new DailySlot(ConsoleServer, new DateOnly(2026, 11, 23), DailySlotStatus.Sent, 42, 1, "nonce-c", "console", Utc("2026-11-23T09:00:00"), Utc("2026-11-23T09:00:00"))],
            console);
        Assert.Equal(expectedA[2], await posts.GetAsync(ServerA, new DateOnly(2026, 11, 22), CancellationToken.None));
    }

    [Fact]
    public async Task GetMembersAsync_MigratedFixture_EveryMemberWithNameOwnZoneAndStreakCache()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);

        Assert.Equal(
            [new MemberRecord(ServerA, Ada, "Ada", "Asia/Kolkata", new StreakSummary(new DateOnly(2026, 11, 23), 4, 4, 4))],
            await members.GetMembersAsync(ServerA, CancellationToken.None));
        Assert.Equal(
            [
                new MemberRecord(ServerB, Grace, "", null, new StreakSummary(new DateOnly(2026, 11, 20), 1, 1, 2)),
                new MemberRecord(ServerB, Ada, "ada-b", null, new StreakSummary(new DateOnly(2026, 11, 20), 1, 1, 1)),
            ],
            (await members.GetMembersAsync(ServerB, CancellationToken.None)).OrderBy(m => m.DisplayName, StringComparer.Ordinal));
        Assert.Equal(
            [
                new MemberRecord(ConsoleServer, "7", "only-zone", "Pacific/Auckland", StreakSummary.Empty),
                new MemberRecord(ConsoleServer, "local", "you", null, new StreakSummary(new DateOnly(2026, 11, 23), 1, 1, 1)),
            ],
            (await members.GetMembersAsync(ConsoleServer, CancellationToken.None)).OrderBy(m => m.DisplayName, StringComparer.Ordinal));
        Assert.Null(await members.GetMemberAsync(ConsoleServer, "1", CancellationToken.None));
        Assert.Null(await members.GetMemberAsync("1100000000000000001", Ada, CancellationToken.None));
    }

    [Fact]
    public async Task GetActiveDaysAsync_MigratedFixture_EveryActiveDayAndPracticeAnswerWithCountZoneQuestionAndInteraction()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        var nov = (int day) => new DateOnly(2026, 11, day);

        Assert.Equal([nov(20), nov(21), nov(22), nov(23)], await members.GetActiveDaysAsync(ServerA, Ada, CancellationToken.None));
        Assert.Equal((1, 4, 1, 1), (await Count(ServerA, Ada, 20), await Count(ServerA, Ada, 21), await Count(ServerA, Ada, 22), await Count(ServerA, Ada, 23)));
        Assert.Equal((1, 1, 1), (await Count(ServerB, Grace, 18), await Count(ServerB, Grace, 20), await Count(ConsoleServer, "local", 23)));
        Assert.Equal([nov(18), nov(20)], await members.GetActiveDaysAsync(ServerB, Grace, CancellationToken.None));
        Assert.Equal([nov(20)], await members.GetActiveDaysAsync(ServerB, Ada, CancellationToken.None));
        Assert.Equal([nov(23)], await members.GetActiveDaysAsync(ConsoleServer, "local", CancellationToken.None));
        Assert.Empty(await members.GetActiveDaysAsync(ConsoleServer, "7", CancellationToken.None));

        var streaks = gate.Run(db => db.GetCollection(Schema.Streaks).FindAll().ToDictionary(d => d["_id"].AsString, StringComparer.Ordinal));
        Assert.Equal(
            ("2026-11-21", 4, "Europe/Berlin", 11, "ia-1"),
            Day(streaks[$"d:{ServerA}:{Ada}:2026-11-21"]));
        Assert.Equal(
            ("2026-11-18", 1, "America/New_York", 3, "ig-1"),
            Day(streaks[$"d:{ServerB}:{Grace}:2026-11-18"]));
        Assert.Equal(
            ("2026-11-23", 1, "UTC", 42, "console-1-abc"),
            Day(streaks["d:console:local:local:2026-11-23"]));
        Assert.Equal(
            [("Europe/Berlin", 11, "ia-p1"), ("Europe/Berlin", 11, "ia-p2"), ("Europe/Berlin", 11, (string?)null)],
            Enumerable.Range(1, 3).Select(n => streaks[$"p:{ServerA}:{Ada}:2026-11-21:{n}"]).Select(p => (p["TimeZoneId"].AsString, p["QuestionId"].AsInt32, p["InteractionId"].IsNull ? null : p["InteractionId"].AsString)));
        Assert.Equal(8, streaks.Keys.Count(k => k.StartsWith("d:", StringComparison.Ordinal)));
        Assert.Equal(3, streaks.Keys.Count(k => k.StartsWith("p:", StringComparison.Ordinal)));

        Task<int> Count(string server, string member, int day) => members.CountAnswersAsync(server, member, nov(day), CancellationToken.None);
    }

    [Theory]
    [InlineData(ServerA, Ada, "ia-0", "2026-11-20", "Europe/Berlin")]
    [InlineData(ServerA, Ada, "ia-p1", "2026-11-21", "Europe/Berlin")]
    [InlineData(ServerB, Grace, "ig-1", "2026-11-18", "America/New_York")]
    [InlineData(ServerB, Ada, "ia-b", "2026-11-20", "America/New_York")]
    [InlineData(ConsoleServer, "local", "console-1-abc", "2026-11-23", "UTC")]
    public async Task RecordAnswerAsync_InteractionFromBeforeTheMigrationRedelivered_StillADuplicate(
        string server, string member, string interactionId, string firstCounted, string zone)
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        var before = await members.GetMemberAsync(server, member, CancellationToken.None);
        var redeliveredOn = new DateOnly(2026, 11, 25);

        var result = await members.RecordAnswerAsync(
            new AnswerRecord(server, member, "someone", redeliveredOn, "Asia/Tokyo", interactionId, 1, AnswerSource.AnswerButton, Utc("2026-11-25T10:00:00")),
            CancellationToken.None);

        Assert.Equal(CreditStatus.DuplicateInteraction, result.Status);
        Assert.Equal((DateOnly.Parse(firstCounted, System.Globalization.CultureInfo.InvariantCulture), zone), (result.LocalDate, result.TimeZoneId));
        Assert.Equal(before, await members.GetMemberAsync(server, member, CancellationToken.None));
        Assert.Equal(0, await members.CountAnswersAsync(server, member, redeliveredOn, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAnswerAsync_NextDayAfterTheMigration_ContinuesTheStreak()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);

        var result = await members.RecordAnswerAsync(
            new AnswerRecord(ServerA, Ada, "Ada", new DateOnly(2026, 11, 24), "Asia/Kolkata", "ia-4", 14, AnswerSource.AnswerButton, Utc("2026-11-24T10:00:00")),
            CancellationToken.None);

        Assert.Equal((CreditStatus.Credited, new StreakSummary(new DateOnly(2026, 11, 24), 5, 5, 5)), (result.Status, result.Streak));
    }

    [Fact]
    public async Task GetAsync_AdapterStateOfTheMigratedFixture_KeepsTheCommandFingerprint()
    {
        using var gate = new LiteDbGate(_directory.DataFile);

        Assert.Equal("sha256:0123456789abcdef", await new LiteDbAdapterStateStore(gate).GetAsync("discord:commands:fingerprint", CancellationToken.None));
    }

    [Fact]
    public void Constructor_MigratedFileReopened_ChangesNothing()
    {
        new LiteDbGate(_directory.DataFile).Dispose();
        var once = ReadFile(_directory.DataFile);

        new LiteDbGate(_directory.DataFile).Dispose();
        var twice = ReadFile(_directory.DataFile);

        Assert.Equal(4, twice.Version);
        foreach (var collection in Collections)
        {
            Assert.Equal(Canonical(once.Documents[collection]), Canonical(twice.Documents[collection]));
        }
    }

    [Fact]
    public async Task Constructor_MigrationInterruptedBeforeTheVersionWasWritten_MigratesAgainSafely()
    {
        // The migration's transaction committed, but the process stopped before the version was written.
        new LiteDbGate(_directory.DataFile).Dispose();
        var migrated = ReadFile(_directory.DataFile);
        using (var db = new LiteDatabase(new ConnectionString { Filename = _directory.DataFile, Connection = ConnectionType.Direct }))
        {
            db.UserVersion = 3;
        }

        using var gate = new LiteDbGate(_directory.DataFile);
        var again = ReadOpen(gate);

        Assert.Equal(4, again.Version);
        foreach (var collection in Collections)
        {
            Assert.Equal(Canonical(migrated.Documents[collection]), Canonical(again.Documents[collection]));
        }

        var members = new LiteDbMemberStore(gate);
        Assert.Equal(4, (await members.GetMemberAsync(ServerA, Ada, CancellationToken.None))?.Streak.TotalDays);
        Assert.Equal(
            CreditStatus.DuplicateInteraction,
            (await members.RecordAnswerAsync(new AnswerRecord(ServerA, Ada, "Ada", new DateOnly(2026, 11, 25), "UTC", "ia-p2", 11, AnswerSource.ThreadReply, Utc("2026-11-25T10:00:00")), CancellationToken.None)).Status);
    }

    private static DateTimeOffset Utc(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static (string Date, int Answers, string Zone, int Question, string Interaction) Day(BsonDocument day) =>
        (day["Date"].AsString, day["Answers"].AsInt32, day["TimeZoneId"].AsString, day["QuestionId"].AsInt32, day["InteractionId"].AsString);

    /// <summary>
    /// What version 4 makes of a version 3 document, as the fixture's README and the issue say: every server id gets its
    /// platform, the console's member 1 becomes "local", the id fields of members and slots become those strings.
    /// </summary>
    private static BsonDocument Version4Of(string collection, BsonDocument old)
    {
        var moved = new BsonDocument();
        foreach (var (field, value) in old)
        {
            moved[field] = value;
        }

        var id = old["_id"].AsString;
        switch (collection)
        {
            case Schema.Servers:
                moved["_id"] = NewServerIds[id];
                break;
            case Schema.DailySlots:
                var colon = id.IndexOf(':', StringComparison.Ordinal);
                moved["_id"] = NewServerIds[id[..colon]] + id[colon..];
                moved["Server"] = NewServerIds[id[..colon]];
                break;
            case Schema.Streaks:
                var parts = id.Split(':');
                var server = NewServerIds[parts[1]];
                var member = parts[1] == "1" && parts[2] == "1" ? "local" : parts[2];
                moved["_id"] = string.Join(':', [parts[0], server, member, .. parts[3..]]);
                if (parts[0] == "m")
                {
                    moved["Server"] = server;
                    moved["Member"] = member;
                }

                break;
        }

        return moved;
    }

    /// <summary>Each document as one line of its fields in name order, keyed by _id: equal when nothing in them differs.</summary>
    private static SortedDictionary<string, string> Canonical(IEnumerable<BsonDocument> documents) =>
        new(
            documents.ToDictionary(
                d => d["_id"].AsString,
                d => string.Join(", ", d.Keys.Order(StringComparer.Ordinal).Select(k => $"{k}={JsonSerializer.Serialize(d[k])}")),
                StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>Every document of the closed file, read with LiteDB itself, not through the stores.</summary>
    private static FileContents ReadFile(string path)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        return Read(db);
    }

    private static FileContents ReadOpen(LiteDbGate gate) => gate.Run(Read);

    private static FileContents Read(LiteDatabase db) =>
        new(db.UserVersion, db.GetCollectionNames().ToDictionary(c => c, c => db.GetCollection(c).FindAll().ToList(), StringComparer.Ordinal));

    private sealed record FileContents(int Version, Dictionary<string, List<BsonDocument>> Documents);
}
