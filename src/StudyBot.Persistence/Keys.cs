using System.Globalization;

namespace StudyBot.Persistence;

/// <summary>
/// How ids and dates are stored. LiteDB has no unsigned 64-bit type: ids in indexed fields are stored as
/// <see cref="long"/> with the same bits (unchecked), which round-trips every <see cref="ulong"/> and keeps
/// equality exact; compound document ids use the decimal text of the <see cref="ulong"/>.
/// </summary>
internal static class Keys
{
    private const string DateFormat = "yyyy-MM-dd";

    public static long ToBson(ulong id) => unchecked((long)id);

    public static ulong FromBson(long value) => unchecked((ulong)value);

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public static ulong ParseId(string text) => ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>"server:member".</summary>
    public static string Member(ulong serverId, ulong memberId) => string.Create(CultureInfo.InvariantCulture, $"{serverId}:{memberId}");

    /// <summary>"server:member:yyyy-MM-dd".</summary>
    public static string Day(ulong serverId, ulong memberId, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{serverId}:{memberId}:{date:yyyy-MM-dd}");

    /// <summary>"server:yyyy-MM-dd".</summary>
    public static string Slot(ulong serverId, DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{serverId}:{date:yyyy-MM-dd}");

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the offset: LiteDB's own date type would drop the offset and keep only milliseconds.</summary>
    public static string Instant(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture);
}
