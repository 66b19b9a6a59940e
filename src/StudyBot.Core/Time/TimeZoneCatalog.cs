namespace StudyBot.Core.Time;

/// <summary>The IANA zones a person can choose from, for suggestions while they type.</summary>
public static class TimeZoneCatalog
{
    private static readonly Lazy<IReadOnlyList<string>> Names = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .Where(id => TimeZones.TryFind(id, out _))
            .Append(TimeZones.Utc)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)]);

    public static IReadOnlyList<string> All => Names.Value;

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
