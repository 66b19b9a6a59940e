using System.Globalization;

namespace StudyBot.Core.Milestones;

/// <summary>One milestone: a member whose current streak reaches <see cref="Days"/> holds the role <see cref="RoleId"/> (an opaque id).</summary>
public sealed record MilestoneRole(int Days, string RoleId);

/// <summary>
/// A server's milestone roles as kept in <see cref="Servers.ServerSettings.MilestoneRoles"/>: "days=role" pairs joined by
/// ';', shortest streak first. A text that does not read as such yields what does.
/// </summary>
public static class MilestoneMap
{
    /// <summary>How many milestones a server may map.</summary>
    public const int MaxMilestones = 10;

    public const int MinDays = 1;
    public const int MaxDays = 3650;

    public static IReadOnlyList<MilestoneRole> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var milestones = new List<MilestoneRole>();
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && equals < pair.Length - 1
                && int.TryParse(pair.AsSpan(0, equals), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                milestones.Add(new MilestoneRole(days, pair[(equals + 1)..]));
            }
        }

        return [.. milestones.OrderBy(m => m.Days)];
    }

    /// <summary>The text for <paramref name="milestones"/>; null when there are none.</summary>
    public static string? Format(IEnumerable<MilestoneRole> milestones)
    {
        var text = string.Join(';', milestones.OrderBy(m => m.Days).Select(m => $"{m.Days.ToString(CultureInfo.InvariantCulture)}={m.RoleId}"));
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// The roles a member with <paramref name="currentStreak"/> should hold: every role whose length the streak has
    /// reached (a member at 30 keeps the 7-day role too), each once.
    /// </summary>
    public static IReadOnlySet<string> Earned(IReadOnlyList<MilestoneRole> milestones, int currentStreak) =>
        milestones.Where(m => currentStreak >= m.Days).Select(m => m.RoleId).ToHashSet(StringComparer.Ordinal);
}
