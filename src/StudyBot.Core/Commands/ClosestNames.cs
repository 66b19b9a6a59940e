namespace StudyBot.Core.Commands;

/// <summary>"Did you mean …?": the known names closest to a mistyped one, by edit distance.</summary>
public static class ClosestNames
{
    /// <summary>
    /// The names at the smallest edit distance from <paramref name="typed"/> (ignoring case; a swap of two
    /// neighbouring letters counts as one edit), if that distance is small for its length; else the names that start
    /// with it. At most <paramref name="max"/>, empty when nothing is close.
    /// </summary>
    public static IReadOnlyList<string> Find(string typed, IEnumerable<string> names, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(names);
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var candidates = names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var allowed = text.Length <= 4 ? 1 : text.Length <= 8 ? 2 : 3;
        var near = candidates
            .Select(n => (Name: n, Distance: Distance(text, n)))
            .Where(x => x.Distance > 0 && x.Distance <= allowed)
            .ToList();
        if (near.Count > 0)
        {
            var best = near.Min(x => x.Distance);
            return [.. near.Where(x => x.Distance == best).Select(x => x.Name).Order(StringComparer.Ordinal).Take(max)];
        }

        return text.Length < 2
            ? []
            : [.. candidates.Where(n => n.Length > text.Length && n.StartsWith(text, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).Take(max)];
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Join(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count <= 1 ? string.Join("", names) : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
    }

    /// <summary>Optimal string alignment distance, ignoring case: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var s = a.ToUpperInvariant();
        var t = b.ToUpperInvariant();
        var d = new int[s.Length + 1, t.Length + 1];
        for (var i = 0; i <= s.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= t.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= s.Length; i++)
        {
            for (var j = 1; j <= t.Length; j++)
            {
                var cost = s[i - 1] == t[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[s.Length, t.Length];
    }
}
