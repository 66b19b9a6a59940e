using System.Globalization;

namespace StudyBot.Persistence;

/// <summary>
/// How ids and dates are stored. Ids are Core's opaque strings: a server id is scoped by its platform
/// ("discord:123", "slack:T123") and may contain ':', a member id never does, so "m:server:member" and the other
/// compound keys stay unambiguous and a prefix ending in ':' finds exactly one server's or member's documents.
/// </summary>
internal static class Keys
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>"m:server:member", a member document in the streaks collection.</summary>
    public static string Member(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"m:{serverId}:{memberId}");

    /// <summary>"m:server:", the prefix of every member of a server.</summary>
    public static string MembersOf(string serverId) => string.Create(CultureInfo.InvariantCulture, $"m:{serverId}:");

    /// <summary>"d:server:member:yyyy-MM-dd", an active day in the streaks collection.</summary>
    public static string Day(string serverId, string memberId, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"d:{serverId}:{memberId}:{date:yyyy-MM-dd}");

    /// <summary>"d:server:member:", the prefix of a member's active days, which sort by date under it.</summary>
    public static string DaysOf(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"d:{serverId}:{memberId}:");

    /// <summary>"p:server:member:yyyy-MM-dd:n", the n-th answer (n ≥ 1 after the credit) of an active day.</summary>
    public static string Practice(string serverId, string memberId, DateOnly date, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"p:{serverId}:{memberId}:{date:yyyy-MM-dd}:{number}");

    /// <summary>"p:server:member:yyyy-MM-dd:", the prefix of a day's practice answers.</summary>
    public static string PracticeOf(string serverId, string memberId, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"p:{serverId}:{memberId}:{date:yyyy-MM-dd}:");

    /// <summary>"n:server:member:ticks:unique", a waiting notice; notices sort by when they were left under their member.</summary>
    public static string Notice(string serverId, string memberId, DateTimeOffset createdAt, string unique) =>
        string.Create(CultureInfo.InvariantCulture, $"n:{serverId}:{memberId}:{createdAt.UtcTicks:D19}:{unique}");

    /// <summary>"n:server:member:", the prefix of a member's waiting notices.</summary>
    public static string NoticesOf(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"n:{serverId}:{memberId}:");

    /// <summary>"r:server:member", a member's reminder.</summary>
    public static string Reminder(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"r:{serverId}:{memberId}");

    /// <summary>"r:server:member:nnnnnn", a member's n-th chunk of self-ratings (from 0); chunks sort in the order given.</summary>
    public static string RatingChunk(string serverId, string memberId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"r:{serverId}:{memberId}:{number:D6}");

    /// <summary>"r:server:member:", the prefix of a member's rating chunks.</summary>
    public static string RatingsOf(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"r:{serverId}:{memberId}:");
    /// <summary>"q:server:0001001", a server's own question; they sort by id under their server.</summary>
    public static string OwnQuestion(string serverId, int id) => string.Create(CultureInfo.InvariantCulture, $"q:{serverId}:{id:D7}");

    /// <summary>"q:server:", the prefix of a server's own questions.</summary>
    public static string OwnQuestionsOf(string serverId) => string.Create(CultureInfo.InvariantCulture, $"q:{serverId}:");

    /// <summary>"s:server:0000001", a member's suggested question; they sort by number under their server.</summary>
    public static string Suggestion(string serverId, int id) => string.Create(CultureInfo.InvariantCulture, $"s:{serverId}:{id:D7}");

    /// <summary>"s:server:", the prefix of a server's suggestions.</summary>
    public static string SuggestionsOf(string serverId) => string.Create(CultureInfo.InvariantCulture, $"s:{serverId}:");
    /// <summary>"f:server:member:yyyy-MM-dd:Kind", a freeze event in the streak ledger.</summary>
    public static string Freeze(string serverId, string memberId, DateOnly date, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"f:{serverId}:{memberId}:{date:yyyy-MM-dd}:{kind}");

    /// <summary>"f:server:member:", the prefix of a member's freeze events, which sort by date under it.</summary>
    public static string FreezesOf(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"f:{serverId}:{memberId}:");

    /// <summary>"s:server:member", a member's streak settings in the streak ledger.</summary>
    public static string MemberSettings(string serverId, string memberId) => string.Create(CultureInfo.InvariantCulture, $"s:{serverId}:{memberId}");

    /// <summary>"s:server:", the prefix of every member's streak settings in a server.</summary>
    public static string MemberSettingsOf(string serverId) => string.Create(CultureInfo.InvariantCulture, $"s:{serverId}:");

    /// <summary>"server:yyyy-MM-dd".</summary>
    public static string Slot(string serverId, DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{serverId}:{date:yyyy-MM-dd}");

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the offset: LiteDB's own date type would drop the offset and keep only milliseconds.</summary>
    public static string Instant(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture);
}
