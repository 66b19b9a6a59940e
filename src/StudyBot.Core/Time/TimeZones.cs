using System.Diagnostics.CodeAnalysis;

namespace StudyBot.Core.Time;

/// <summary>IANA time zone lookup. Fixed offsets and Windows ids are refused so dates follow real DST rules.</summary>
public static class TimeZones
{
    public const string Utc = "UTC";

    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        var trimmed = id.Trim();
        if (string.Equals(trimmed, Utc, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "Etc/UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        // An IANA area/location name: "Europe/Berlin". Offsets ("+02:00", "Etc/GMT-2") drift from local clocks at DST.
        if (!trimmed.Contains('/', StringComparison.Ordinal) || trimmed.StartsWith("Etc/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(trimmed);
            if (!found.HasIanaId)
            {
                return false;
            }

            zone = found;
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo FindOrUtc(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The canonical spelling of a zone for display and storage ("europe/berlin" becomes "Europe/Berlin").</summary>
    public static string NameOf(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? Utc : zone.Id;

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
