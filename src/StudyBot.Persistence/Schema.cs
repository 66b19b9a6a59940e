using System.Globalization;
using LiteDB;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

/// <summary>Collection names, indexes and the schema version kept in <see cref="LiteDatabase.UserVersion"/>.</summary>
internal static class Schema
{
    /// <summary>
    /// Version 4: ids are Core's opaque strings, scoped by platform ("discord:123"; see <see cref="MigrateFrom3"/>).
    /// Members, their active days and practice answers share one collection (<see cref="Streaks"/>); servers, daily
    /// slots and adapter state have theirs, as in Documents.cs. Version 3 had the same collections with Discord's
    /// numeric ids; version 2 kept members, active days and answers in three collections (<see cref="MigrateFrom2"/>);
    /// version 1 also kept an index on the answers' day key (<see cref="MigrateFrom1"/>).
    /// </summary>
    public const int Version = 4;

    /// <summary>
    /// The server id the console chat had before version 4 (every other version 3 server was a Discord guild, whose
    /// snowflakes are far larger), and what it and its member became.
    /// </summary>
    public const ulong LegacyConsoleServer = 1;

    public const string ConsoleServerId = "console:local";
    public const ulong LegacyConsoleMember = 1;
    public const string ConsoleMemberId = "local";

    /// <summary>
    /// Members ("m:…"), active days ("d:…") and practice answers ("p:…"). One collection because a credit writes a day
    /// and a member in one commit, and LiteDB writes a collection's own pages with every commit that touches it: on
    /// this 2-core machine the same three writes cost about 60% in one collection of what they cost in three.
    /// </summary>
    public const string Streaks = "streaks";

    public const string Servers = "servers";
    public const string DailySlots = "daily_slots";
    public const string AdapterState = "adapter_state";
    public const string MemberNotices = "member_notices";
    public const string Ratings = "ratings";

    /// <summary>Servers' own questions ("q:…") and their members' suggestions ("s:…").</summary>
    public const string ServerQuestions = "server_questions";

    /// <summary>Freeze events ("f:…") and members' streak settings ("s:…"): what the fair-streak rules keep beside the days.</summary>
    public const string StreakLedger = "streak_ledger";

    /// <summary>One reminder per (server, member), indexed on when it is next due (<see cref="ReminderDueIndex"/>).</summary>
    public const string Reminders = "reminders";

    public const string ReminderDueIndex = nameof(ReminderDocument.DueTicks);

    /// <summary>The collections of versions 1 and 2 that version 3 merged into <see cref="Streaks"/>; only migrations read them.</summary>
    public const string Members = "members";
    public const string ActiveDays = "active_days";
    public const string Answers = "answers";

    private const string AnswersDayKeyIndex = "DayKey";

    public static BsonMapper CreateMapper() => new()
    {
        // The defaults would turn an empty display name into null and trim names members chose.
        EmptyStringToNull = false,
        TrimWhitespace = false,
        EnumAsInteger = false,
    };

    /// <summary>
    /// How a new data file compares strings: ordinal. Every indexed string is an id, a date or a prefix of them, so no
    /// culture rule applies, and ordinal comparison makes each step through an index cheaper than LiteDB's default
    /// (invariant culture, ignoring case). A file keeps the collation it was created with.
    /// </summary>
    public static Collation NewFileCollation => new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);

    /// <summary>
    /// Creates every collection and index at start-up: creating them while other threads use them misbehaves
    /// (litedb #2891). Documents are found by _id alone: a prefix range on _id finds a server's members and a
    /// member's days in date order, and each index a credit has to update costs a page per commit.
    /// </summary>
    public static void EnsureCollections(LiteDatabase db)
    {
        EnsureCreated(db, Streaks);
        EnsureCreated(db, Servers);
        EnsureCreated(db, AdapterState);
        EnsureCreated(db, MemberNotices);
        EnsureCreated(db, Ratings);
        EnsureCreated(db, ServerQuestions);
        EnsureCreated(db, StreakLedger);
        db.GetCollection<ReminderDocument>(Reminders).EnsureIndex(ReminderDueIndex, "$." + ReminderDueIndex);
        db.GetCollection<DailySlotDocument>(DailySlots).EnsureIndex(x => x.Server);
    }

    /// <summary>
    /// Version 1 to 2, in one transaction, repeatable: counts each active day's answers from their day keys onto the
    /// day, then drops the day-key index, which every answer had to update.
    /// </summary>
    public static void MigrateFrom1(LiteDatabase db)
    {
        InTransaction(db, () =>
        {
            var counts = db.GetCollection(Answers).FindAll()
                .Select(a => a["DayKey"])
                .Where(k => k.IsString)
                .GroupBy(k => k.AsString, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var days = db.GetCollection(ActiveDays);
            foreach (var day in days.FindAll().ToList())
            {
                day["Answers"] = Math.Max(1, counts.GetValueOrDefault(day["_id"].AsString));
                days.Update(day);
            }

            db.GetCollection(Answers).DropIndex(AnswersDayKeyIndex);
        });
        SetVersion(db, 2);
    }

    /// <summary>
    /// Version 2 to 3: copies members, active days and answers into <see cref="Streaks"/> in one transaction, then
    /// drops the old collections (LiteDB drops only outside a transaction). The answer that made a day active goes
    /// onto the day, later ones become practice answers, and each member keeps the interaction ids of their latest
    /// answers (version 2 answers carry no time, so "latest" is by date). Repeatable: a copy interrupted before the
    /// drops is made again over the same ids.
    /// </summary>
    public static void MigrateFrom2(LiteDatabase db)
    {
        InTransaction(db, () =>
        {
            var streaks = db.GetCollection(Streaks);
            var answersByDay = db.GetCollection(Answers).FindAll()
                .Where(a => a["DayKey"].IsString)
                .GroupBy(a => a["DayKey"].AsString, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var daysByMember = new Dictionary<string, List<string>>(StringComparer.Ordinal);

            foreach (var oldDay in db.GetCollection(ActiveDays).FindAll())
            {
                var key = oldDay["_id"].AsString;
                var answers = answersByDay.GetValueOrDefault(key) ?? [];
                var credit = answers.Find(a => a["Status"] == nameof(CreditStatus.Credited)) ?? answers.FirstOrDefault();
                streaks.Upsert(new BsonDocument
                {
                    ["_id"] = "d:" + key,
                    ["Date"] = oldDay["Date"],
                    ["Answers"] = Math.Max(Math.Max(1, answers.Count), oldDay["Answers"].IsNumber ? oldDay["Answers"].AsInt32 : 0),
                    ["TimeZoneId"] = credit?["TimeZoneId"].AsString ?? "UTC",
                    ["QuestionId"] = credit?["QuestionId"] ?? BsonValue.Null,
                    ["InteractionId"] = credit?["_id"] is { IsString: true } creditId ? creditId : BsonValue.Null,
                });

                var number = 1;
                foreach (var practice in answers.Where(a => !ReferenceEquals(a, credit)))
                {
                    streaks.Upsert(new BsonDocument
                    {
                        ["_id"] = string.Create(CultureInfo.InvariantCulture, $"p:{key}:{number++}"),
                        ["TimeZoneId"] = practice["TimeZoneId"],
                        ["QuestionId"] = practice["QuestionId"],
                        ["InteractionId"] = practice["_id"].IsString ? practice["_id"] : BsonValue.Null,
                    });
                }

                var memberKey = key[..key.LastIndexOf(':')];
                if (!daysByMember.TryGetValue(memberKey, out var memberDays))
                {
                    daysByMember[memberKey] = memberDays = [];
                }

                memberDays.Add(key);
            }

            var oldMembers = db.GetCollection(Members).FindAll().ToDictionary(m => m["_id"].AsString, StringComparer.Ordinal);
            foreach (var (key, memberDays) in daysByMember)
            {
                // A member with days but no document (never written by StudyBot, but cheap to heal) gets one from the days.
                if (!oldMembers.ContainsKey(key))
                {
                    oldMembers[key] = MemberFromDays(key, memberDays, answersByDay);
                }
            }

            foreach (var (key, member) in oldMembers)
            {
                var recent = (daysByMember.GetValueOrDefault(key) ?? [])
                    .Order(StringComparer.Ordinal)
                    .SelectMany(day => (answersByDay.GetValueOrDefault(day) ?? [])
                        .Where(a => a["_id"].IsString)
                        .Select(a => new BsonDocument { ["i"] = a["_id"], ["d"] = day[(day.LastIndexOf(':') + 1)..] }))
                    .TakeLast(MemberDocument.RecentAnswersKept);
                member["_id"] = "m:" + key;
                member["Recent"] = new BsonArray(recent);
                streaks.Upsert(member);
            }
        });
        db.DropCollection(Answers);
        db.DropCollection(ActiveDays);
        db.DropCollection(Members);
        SetVersion(db, 3);
    }

    /// <summary>
    /// Version 3 to 4, in one transaction: Discord's numeric ids become platform-scoped strings. A server "123" becomes
    /// "discord:123" (the console chat's server 1 becomes <see cref="ConsoleServerId"/> and its member 1
    /// <see cref="ConsoleMemberId"/>); member ids keep their decimal text. Every document whose _id holds an id is
    /// copied under its new _id and the old one deleted; nothing else in it changes. Repeatable: a document already
    /// in the version 4 shape is left alone, so a file whose version was not yet written is migrated again safely.
    /// </summary>
    public static void MigrateFrom3(LiteDatabase db)
    {
        InTransaction(db, () =>
        {
            var streaks = db.GetCollection(Streaks);
            foreach (var old in streaks.FindAll().ToList())
            {
                var id = old["_id"].AsString;
                var parts = id.Split(':');
                if (parts.Length < 3 || !IsLegacyId(parts[1]) || !IsLegacyId(parts[2]))
                {
                    continue;
                }

                var server = ServerIdFrom3(parts[1]);
                var member = MemberIdFrom3(parts[1], parts[2]);
                var moved = new BsonDocument();
                foreach (var (field, value) in old)
                {
                    moved[field] = value;
                }

                moved["_id"] = string.Join(':', [parts[0], server, member, .. parts[3..]]);
                if (parts[0] == "m")
                {
                    moved["Server"] = server;
                    moved["Member"] = member;
                }

                streaks.Delete(old["_id"]);
                streaks.Insert(moved);
            }

            var servers = db.GetCollection(Servers);
            foreach (var old in servers.FindAll().ToList())
            {
                var id = old["_id"].AsString;
                if (IsLegacyId(id))
                {
                    old["_id"] = ServerIdFrom3(id);
                    servers.Delete(id);
                    servers.Insert(old);
                }
            }

            var slots = db.GetCollection(DailySlots);
            foreach (var old in slots.FindAll().ToList())
            {
                var id = old["_id"].AsString;
                var colon = id.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && IsLegacyId(id[..colon]))
                {
                    var server = ServerIdFrom3(id[..colon]);
                    old["_id"] = server + id[colon..];
                    old["Server"] = server;
                    slots.Delete(id);
                    slots.Insert(old);
                }
            }
        });
        SetVersion(db, 4);
    }

    private static bool IsLegacyId(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static string ServerIdFrom3(string server) =>
        server == LegacyConsoleServer.ToString(CultureInfo.InvariantCulture) ? ConsoleServerId : "discord:" + server;

    private static string MemberIdFrom3(string server, string member) =>
        server == LegacyConsoleServer.ToString(CultureInfo.InvariantCulture) && member == LegacyConsoleMember.ToString(CultureInfo.InvariantCulture)
            ? ConsoleMemberId
            : member;

    public static ILiteCollection<MemberDocument> MembersOf(LiteDatabase db) => db.GetCollection<MemberDocument>(Streaks);

    public static ILiteCollection<ActiveDayDocument> ActiveDaysOf(LiteDatabase db) => db.GetCollection<ActiveDayDocument>(Streaks);

    public static ILiteCollection<PracticeAnswerDocument> PracticeAnswersOf(LiteDatabase db) => db.GetCollection<PracticeAnswerDocument>(Streaks);

    public static ILiteCollection<ServerDocument> ServersOf(LiteDatabase db) => db.GetCollection<ServerDocument>(Servers);

    public static ILiteCollection<DailySlotDocument> DailySlotsOf(LiteDatabase db) => db.GetCollection<DailySlotDocument>(DailySlots);

    public static ILiteCollection<AdapterStateDocument> AdapterStateOf(LiteDatabase db) => db.GetCollection<AdapterStateDocument>(AdapterState);

    /// <summary>A version 3 member document (numeric ids as longs with the same bits), rebuilt from its days.</summary>
    private static BsonDocument MemberFromDays(string key, List<string> dayKeys, Dictionary<string, List<BsonDocument>> answersByDay)
    {
        var ids = key.Split(':');
        var summary = StreakMath.Recompute(dayKeys.Select(d => Keys.ParseDate(d[(d.LastIndexOf(':') + 1)..])));
        var name = dayKeys.SelectMany(d => answersByDay.GetValueOrDefault(d) ?? [])
            .Select(a => a["DisplayName"])
            .FirstOrDefault(n => n.IsString)?.AsString;
        return new BsonDocument
        {
            ["Server"] = unchecked((long)ulong.Parse(ids[0], NumberStyles.None, CultureInfo.InvariantCulture)),
            ["Member"] = unchecked((long)ulong.Parse(ids[1], NumberStyles.None, CultureInfo.InvariantCulture)),
            ["DisplayName"] = name ?? "",
            ["TimeZoneId"] = BsonValue.Null,
            ["LastActiveDate"] = summary.LastActiveDate is { } last ? Keys.Date(last) : BsonValue.Null,
            ["RunEndingOnLastDate"] = summary.RunEndingOnLastDate,
            ["BestStreak"] = summary.BestStreak,
            ["TotalDays"] = summary.TotalDays,
        };
    }

    /// <summary>
    /// Creates the collection now if it does not exist yet. LiteDB creates a collection on its first write, and
    /// ensuring the _id index is no write, so a placeholder is inserted and deleted in one transaction.
    /// </summary>
    private static void EnsureCreated(LiteDatabase db, string name)
    {
        if (db.CollectionExists(name))
        {
            return;
        }

        InTransaction(db, () =>
        {
            var collection = db.GetCollection(name);
            collection.Insert(new BsonDocument { ["_id"] = "$created" });
            collection.Delete("$created");
        });
    }

    private static void InTransaction(LiteDatabase db, Action work)
    {
        if (!db.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was left open on this thread.");
        }

        try
        {
            work();
            db.Commit();
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }

    /// <summary>A pragma cannot be set inside a transaction; if the process stops before this, the next start migrates again.</summary>
    private static void SetVersion(LiteDatabase db, int version) => db.UserVersion = version;
}
