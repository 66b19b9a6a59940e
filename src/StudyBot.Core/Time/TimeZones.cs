using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security;

namespace StudyBot.Core.Time;

/// <summary>IANA time zone lookup. Fixed offsets and Windows ids are refused so dates follow real DST rules.</summary>
public static class TimeZones
{
    public const string Utc = "UTC";

    /// <summary>The longest IANA name is 30 characters; anything far longer is not a zone.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Names of found zones kept at most: the tz database has about 600, and letter case may vary.</summary>
    private const int MaxCached = 4_096;

    /// <summary>
    /// Zones found so far, by the name asked for. The runtime's lookup by IANA name was about 7% of a reminder run's
    /// time (it builds the zone's display names each time); reminders and streak views look zones up per member.
    /// </summary>
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Found = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds an IANA zone by name, in any letter case. Never throws: a name that is not exactly one zone (a folder of
    /// the tz database such as America/Argentina, a path, a fixed offset) is simply not found.
    /// </summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
        {
            return false;
        }

        if (Found.TryGetValue(trimmed, out zone))
        {
            return true;
        }

        if (!TryFindUncached(trimmed, out zone))
        {
            return false;
        }

        // Only zones that exist are kept, and only so many spellings of them, whatever names members type.
        if (Found.Count < MaxCached)
        {
            Found.TryAdd(trimmed, zone);
        }

        return true;
    }

    private static bool TryFindUncached(string trimmed, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.Equals(trimmed, Utc, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        // A folder is a group of zones; on Linux the runtime would try to read it as a zone file and throw.
        if (!IsZoneShaped(trimmed) || TimeZoneCatalog.ZonesIn(trimmed).Count > 0)
        {
            return false;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneCatalog.Canonical(trimmed) ?? trimmed);
            if (!found.HasIanaId)
            {
                return false;
            }

            zone = found;
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or SecurityException or UnauthorizedAccessException or IOException or ArgumentException)
        {
            // What the runtime throws for a name that is not a readable zone file: a folder the catalog does not
            // know, a file that is not a zone (zone.tab), or one it may not read.
            return false;
        }
    }

    public static TimeZoneInfo FindOrUtc(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The canonical spelling of a zone for display and storage ("europe/berlin" becomes "Europe/Berlin").</summary>
    public static string NameOf(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? Utc : zone.Id;

    /// <summary>
    /// Whether a name has the form of an IANA area/location name ("Europe/Berlin", "America/Argentina/Salta"): ASCII
    /// letters, digits, '_', '-' and '+' in two or more parts. Paths ("..", "/etc/passwd"), NUL characters and the
    /// distribution's own folders (posix/, right/) never are. Etc/ names are fixed offsets ("Etc/GMT-2") that drift
    /// from local clocks at DST, so they are refused too.
    /// </summary>
    internal static bool IsZoneShaped(string name)
    {
        var parts = name.Split('/');
        return parts.Length >= 2
            && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+'))
            && !parts[0].Equals("Etc", StringComparison.OrdinalIgnoreCase)
            && !parts[0].Equals("posix", StringComparison.OrdinalIgnoreCase)
            && !parts[0].Equals("right", StringComparison.OrdinalIgnoreCase);
    }

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The instant a local wall-clock time happens on a date. A time skipped by a spring-forward change
    /// happens when the gap ends (02:30 becomes 03:00); a repeated time takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // Quartz fires a skipped time at the end of the gap, so the same rule here keeps catch-up and triggers in step.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
