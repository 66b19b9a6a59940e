using LiteDB;

namespace StudyBot.Persistence;

/// <summary>Collection names, indexes and the schema version kept in <see cref="LiteDatabase.UserVersion"/>.</summary>
internal static class Schema
{
    /// <summary>Version 1: members, active days, answers, servers, daily slots and adapter state as in Documents.cs.</summary>
    public const int Version = 1;

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
        db.GetCollection<AnswerDocument>(Answers).EnsureIndex(x => x.DayKey);
        db.GetCollection<ServerDocument>(Servers).EnsureIndex(x => x.Id);
        db.GetCollection<DailySlotDocument>(DailySlots).EnsureIndex(x => x.Server);
        db.GetCollection<AdapterStateDocument>(AdapterState).EnsureIndex(x => x.Id);
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
