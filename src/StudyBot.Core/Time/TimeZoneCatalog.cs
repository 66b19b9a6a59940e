using StudyBot.Core.Commands;

namespace StudyBot.Core.Time;

/// <summary>The IANA zones a person can choose from, for suggestions while they type and for explaining a refused name.</summary>
public static class TimeZoneCatalog
{
    private const int ListedZones = 12;

    // Read from the runtime's list, not through TimeZones.TryFind: the lookup itself asks the catalog.
    private static readonly Lazy<IReadOnlyList<string>> Names = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && TimeZones.IsZoneShaped(z.Id))
            .Select(z => z.Id)
            .Append(TimeZones.Utc)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)]);

    private static readonly Lazy<Dictionary<string, string>> ByName = new(() =>
        All.ToDictionary(n => n, StringComparer.OrdinalIgnoreCase));

    public static IReadOnlyList<string> All => Names.Value;

    /// <summary>The catalog's spelling of a zone name typed in any letter case, if the catalog has it.</summary>
    public static string? Canonical(string name) => ByName.Value.GetValueOrDefault(name.Trim());

    /// <summary>The zones inside a group of the tz database ("America/Argentina", "Europe", "America/"); empty for anything else.</summary>
    public static IReadOnlyList<string> ZonesIn(string? group)
    {
        var prefix = (group ?? "").Trim().TrimEnd('/');
        if (prefix.Length == 0)
        {
            return [];
        }

        prefix += "/";
        return [.. All.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// One sentence on why <paramref name="typed"/> is not a zone and what to give instead: the zones of a group,
    /// the closest names, or examples.
    /// </summary>
    public static string Explain(string? typed)
    {
        var text = (typed ?? "").Trim();
        var echo = TextFormat.Echo(text);
        var inGroup = ZonesIn(text);
        if (inGroup.Count > 0)
        {
            return inGroup.Count <= ListedZones
                ? $"'{echo}' is a group of {inGroup.Count} time zones, not one zone. Give one of them: {string.Join(", ", inGroup)}."
                : $"'{echo}' is a group of {inGroup.Count} time zones, not one zone. Give one of them, e.g. {string.Join(", ", inGroup.Take(ListedZones))}.";
        }

        var closest = text.Length <= TimeZones.MaxNameLength ? ClosestNames.Find(text, All) : [];
        return closest.Count > 0
            ? $"'{echo}' is not an IANA time zone. Did you mean {ClosestNames.Join(closest)}?"
            : $"'{echo}' is not an IANA time zone. Use a name like Europe/Berlin, America/New_York, Asia/Kolkata or UTC.";
    }

    /// <summary>Zones matching what was typed: names that start with it first, then names that contain it.</summary>
    public static IReadOnlyList<string> Suggest(string? typed, int max)
    {
        var text = (typed ?? "").Trim().Replace(' ', '_');
        if (text.Length == 0)
        {
            return [.. All.Where(n => n is "UTC" or "Europe/London" or "Europe/Berlin" or "America/New_York" or "America/Los_Angeles" or "Asia/Kolkata" or "Asia/Tokyo" or "Australia/Sydney").Take(max)];
        }

        var starts = All.Where(n => n.StartsWith(text, StringComparison.OrdinalIgnoreCase)
            || n.Contains('/' + text, StringComparison.OrdinalIgnoreCase));
        var contains = All.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase));
        return [.. starts.Concat(contains).Distinct().Take(max)];
    }
}
