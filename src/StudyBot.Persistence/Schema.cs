using LiteDB;

namespace StudyBot.Persistence;

/// <summary>Collection names, indexes and the schema version kept in <see cref="LiteDatabase.UserVersion"/>.</summary>
internal static class Schema
{
    /// <summary>
    /// Version 2: members, active days, answers, servers, daily slots and adapter state as in Documents.cs. Version 1
    /// kept more fields on each answer and an index on the answers' day key to count a day's answers; version 2
    /// counts them on the active day instead (<see cref="MigrateFrom1"/>).
    /// </summary>
    public const int Version = 2;

    private const string AnswersDayKeyIndex = "DayKey";

    public const string Members = "members";
    public const string ActiveDays = "active_days";
    public const string Answers = "answers";
    public const string Servers = "servers";
    public const string DailySlots = "daily_slots";
    public const string AdapterState = "adapter_state";

    public static BsonMapper CreateMapper() => new()
    {
        // The defaults would turn an empty display name into null and trim names members chose.
        EmptyStringToNull = false,
        TrimWhitespace = false,
        EnumAsInteger = false,
    };

    /// <summary>
    /// Creates every collection and index at start-up: creating them while other threads use them misbehaves
    /// (litedb #2891). Members ("server:member") and active days ("server:member:date") need no index of their own:
    /// a prefix range on _id finds a server's members and a member's days in date order, and each index a credit
    /// has to update costs a page per commit.
    /// </summary>
    public static void EnsureCollections(LiteDatabase db)
    {
        db.GetCollection<MemberDocument>(Members).EnsureIndex(x => x.Id);
        db.GetCollection<ActiveDayDocument>(ActiveDays).EnsureIndex(x => x.Id);
        db.GetCollection<AnswerDocument>(Answers).EnsureIndex(x => x.Id);
        db.GetCollection<ServerDocument>(Servers).EnsureIndex(x => x.Id);
        db.GetCollection<DailySlotDocument>(DailySlots).EnsureIndex(x => x.Server);
        db.GetCollection<AdapterStateDocument>(AdapterState).EnsureIndex(x => x.Id);
    }

    /// <summary>
    /// Version 1 to 2, in one transaction, repeatable: counts each active day's answers from their day keys onto the day, then
    /// drops the day-key index, which every answer had to update. Version 1 answers keep their extra fields, which
    /// version 2 ignores.
    /// </summary>
    public static void MigrateFrom1(LiteDatabase db)
    {
        if (!db.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was left open on this thread.");
        }

        try
        {
            var counts = db.GetCollection(Answers).FindAll()
                .Select(a => a[nameof(AnswerDocument.DayKey)])
                .Where(k => k.IsString)
                .GroupBy(k => k.AsString, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var days = ActiveDaysOf(db);
            foreach (var day in days.FindAll().ToList())
            {
                day.Answers = Math.Max(1, counts.GetValueOrDefault(day.Id));
                days.Update(day);
            }

            db.GetCollection(Answers).DropIndex(AnswersDayKeyIndex);
            db.Commit();
        }
        catch
        {
            db.Rollback();
            throw;
        }

        // A pragma cannot be set inside a transaction; if the process stops before this, the next start migrates again.
        db.UserVersion = Version;
    }

    /// <summary>Every document whose _id starts with <paramref name="prefix"/>, read through the _id index.</summary>
    public static BsonExpression IdStartsWith(string prefix) => Query.StartsWith("_id", prefix);

    public static ILiteCollection<MemberDocument> MembersOf(LiteDatabase db) => db.GetCollection<MemberDocument>(Members);

    public static ILiteCollection<ActiveDayDocument> ActiveDaysOf(LiteDatabase db) => db.GetCollection<ActiveDayDocument>(ActiveDays);

    public static ILiteCollection<AnswerDocument> AnswersOf(LiteDatabase db) => db.GetCollection<AnswerDocument>(Answers);

    public static ILiteCollection<ServerDocument> ServersOf(LiteDatabase db) => db.GetCollection<ServerDocument>(Servers);

    public static ILiteCollection<DailySlotDocument> DailySlotsOf(LiteDatabase db) => db.GetCollection<DailySlotDocument>(DailySlots);

    public static ILiteCollection<AdapterStateDocument> AdapterStateOf(LiteDatabase db) => db.GetCollection<AdapterStateDocument>(AdapterState);
}
