namespace StudyBot.Core.Streaks;

public enum FreezeEventKind
{
    /// <summary>Seven consecutive counted days earned a freeze; <see cref="FreezeEvent.Date"/> is the seventh.</summary>
    Earned,

    /// <summary>A held freeze covered a missed day; <see cref="FreezeEvent.Date"/> is the day it covered.</summary>
    Used,
}

/// <summary>One line of a member's freeze ledger, in the member's local dates. At most one of each kind per date.</summary>
public sealed record FreezeEvent(FreezeEventKind Kind, DateOnly Date, DateTimeOffset RecordedAt);

/// <summary>
/// A /timezone change: from <see cref="EffectiveFrom"/> (the end of the member's local day when they asked) the
/// member's days follow <see cref="TimeZoneId"/> (null: their profile's or the server's zone again).
/// <see cref="PreviousTimeZoneId"/> is the own zone before it, so every past day keeps the zone it was lived in.
/// </summary>
public sealed record ZoneChange(DateTimeOffset RequestedAt, DateTimeOffset EffectiveFrom, string? TimeZoneId, string? PreviousTimeZoneId);

/// <summary>A member's streak-side choices and history in one server: hidden from boards, and their zone changes, oldest first.</summary>
public sealed record MemberStreakSettings(bool HiddenFromBoards, IReadOnlyList<ZoneChange> ZoneChanges)
{
    public static MemberStreakSettings Default { get; } = new(false, []);
}

/// <summary>
/// Storage port for what the fair-streak rules keep per member beside their days: the append-only freeze ledger and
/// the member's settings (privacy, zone changes). The LiteDB store and every test double pass one contract suite
/// (tests/StudyBot.Core.Contracts). A call whose token is already cancelled fails with
/// <see cref="OperationCanceledException"/> and changes nothing.
/// </summary>
public interface IStreakLedger
{
    /// <summary>The member's freeze events, ordered by date, earned before used on the same date.</summary>
    Task<IReadOnlyList<FreezeEvent>> GetFreezesAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>Appends the event unless one of its kind is stored for its date; says whether it was appended. Atomic.</summary>
    Task<bool> AppendFreezeAsync(string serverId, string memberId, FreezeEvent freeze, CancellationToken cancellationToken);

    /// <summary>The member's settings; <see cref="MemberStreakSettings.Default"/> when none were saved.</summary>
    Task<MemberStreakSettings> GetSettingsAsync(string serverId, string memberId, CancellationToken cancellationToken);

    Task SaveSettingsAsync(string serverId, string memberId, MemberStreakSettings settings, CancellationToken cancellationToken);

    /// <summary>The ids of the server's members who hid themselves from boards.</summary>
    Task<IReadOnlySet<string>> GetHiddenAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Removes the member's freezes and settings; returns how many records went.</summary>
    Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken);
}
