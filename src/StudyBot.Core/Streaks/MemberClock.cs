using StudyBot.Core.Time;

namespace StudyBot.Core.Streaks;

/// <summary>
/// Which zone a member's day followed at any instant: their own zone as their /timezone changes set it (each from the
/// end of the local day on which they asked), else <see cref="Fallback"/> (their platform profile's zone, else the
/// server's). A change never takes effect mid-day, so no real day can be counted under two dates.
/// </summary>
public sealed class MemberClock
{
    private readonly IReadOnlyList<ZoneChange> changes;
    private readonly string? ownWithoutChanges;

    // Zone lookups by name are not free (the catalog, then the runtime): each name is looked up once per clock.
    private readonly Dictionary<string, TimeZoneInfo?> zones = new(StringComparer.Ordinal);

    public MemberClock(IReadOnlyList<ZoneChange> changes, string? ownWithoutChanges, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(fallback);
        this.changes = changes;
        this.ownWithoutChanges = ownWithoutChanges;
        Fallback = fallback;
    }

    public TimeZoneInfo Fallback { get; }

    /// <summary>The member's own zone name in effect at <paramref name="instant"/>, or null when they follow <see cref="Fallback"/>.</summary>
    public string? OwnZoneAt(DateTimeOffset instant)
    {
        if (changes.Count == 0)
        {
            return ownWithoutChanges;
        }

        for (var i = changes.Count - 1; i >= 0; i--)
        {
            if (changes[i].EffectiveFrom <= instant)
            {
                return changes[i].TimeZoneId;
            }
        }

        return changes[0].PreviousTimeZoneId;
    }

    public TimeZoneInfo ZoneAt(DateTimeOffset instant)
    {
        if (OwnZoneAt(instant) is not { } own)
        {
            return Fallback;
        }

        if (!zones.TryGetValue(own, out var zone))
        {
            zone = TimeZones.TryFind(own, out var found) ? found : null;
            zones[own] = zone;
        }

        return zone ?? Fallback;
    }

    public DateOnly DateAt(DateTimeOffset instant) => TimeZones.LocalDate(instant, ZoneAt(instant));

    /// <summary>The change asked for but not in effect at <paramref name="now"/>, if any.</summary>
    public ZoneChange? PendingAt(DateTimeOffset now) => changes.Count > 0 && changes[^1].EffectiveFrom > now ? changes[^1] : null;

    /// <summary>The latest change asked for, in effect or not.</summary>
    public ZoneChange? Latest => changes.Count > 0 ? changes[^1] : null;

    /// <summary>
    /// When the member's local day that holds <paramref name="instant"/> ends: where a change asked for at that
    /// instant takes effect.
    /// </summary>
    public DateTimeOffset EndOfDay(DateTimeOffset instant)
    {
        var zone = ZoneAt(instant);
        return TimeZones.ToInstant(TimeZones.LocalDate(instant, zone).AddDays(1), TimeOnly.MinValue, zone);
    }

    /// <summary>
    /// Dates a move to a zone ahead jumped over (Los Angeles to Auckland skips a date): no instant was ever that date
    /// for the member, so those dates are neutral.
    /// </summary>
    public IReadOnlyDictionary<DateOnly, string> SkippedDates(DateTimeOffset now)
    {
        var skipped = new Dictionary<DateOnly, string>();
        foreach (var change in changes)
        {
            if (change.EffectiveFrom > now)
            {
                continue;
            }

            var before = change.EffectiveFrom.AddTicks(-1);
            var oldZone = ZoneAt(before);
            var newZone = ZoneAt(change.EffectiveFrom);
            var oldDate = TimeZones.LocalDate(before, oldZone);
            var newDate = TimeZones.LocalDate(change.EffectiveFrom, newZone);
            for (var date = oldDate.AddDays(1); date < newDate; date = date.AddDays(1))
            {
                skipped[date] = $"your zone moved ahead ({TimeZones.NameOf(oldZone)} to {TimeZones.NameOf(newZone)}) past this date";
            }
        }

        return skipped;
    }
}
