using System.Text;

namespace StudyBot.Slack.Blocks;

/// <summary>
/// Text for Slack: escaping (the only three control characters are &amp; &lt; &gt;, so nothing in content can become
/// <c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c> or <c>&lt;@U…&gt;</c>) and cutting to a limit with "…" without splitting an
/// escape or a surrogate pair.
/// </summary>
public static class SlackText
{
    public const string Ellipsis = "…";

    /// <summary>Escapes &amp;, &lt; and &gt; and nothing else (docs: formatting-message-text, "Escaping text").</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Undoes Slack's escaping of text it sends (slash command text, message text): "&amp;lt;" back to "&lt;" and so on.
    /// Mentions stay as they are; read them with <see cref="TryParseChannelMention"/> / <see cref="TryParseUserMention"/>.
    /// </summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('&', StringComparison.Ordinal)
            ? text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
            : text;
    }

    /// <summary>A channel as a slash command with should_escape sends it: "&lt;#C123|general&gt;" or "&lt;#C123&gt;".</summary>
    public static bool TryParseChannelMention(string token, out string channelId) => TryParseMention(token, "<#", out channelId);

    /// <summary>A user as Slack sends a mention: "&lt;@U123|ada&gt;" or "&lt;@U123&gt;".</summary>
    public static bool TryParseUserMention(string token, out string userId) => TryParseMention(token, "<@", out userId);

    /// <summary>Content for a mrkdwn field: escaped, then cut to <paramref name="max"/>.</summary>
    public static string Mrkdwn(string text, int max) => Truncate(Escape(text), max);

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, ending in "…" when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, Ellipsis.Length);
        return text.Length <= max ? text : text[..SafeCut(text, max - Ellipsis.Length)].TrimEnd() + Ellipsis;
    }

    /// <summary>Marks <paramref name="text"/> as cut: it ends in "…" and stays within <paramref name="max"/>.</summary>
    public static string MarkCut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, Ellipsis.Length);
        var room = max - Ellipsis.Length;
        return (text.Length <= room ? text : text[..SafeCut(text, room)]).TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// Splits escaped text into pieces of at most <paramref name="size"/> characters, at line breaks where that does not
    /// waste more than half a piece, never inside an escape or a surrogate pair.
    /// </summary>
    public static IReadOnlyList<string> Chunk(string text, int size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        var rest = text;
        while (rest.Length > size)
        {
            var cut = rest.LastIndexOf('\n', size - 1);
            if (cut < size / 2)
            {
                cut = SafeCut(rest, size);
            }

            var piece = rest[..cut].TrimEnd();
            if (piece.Length > 0)
            {
                chunks.Add(piece);
            }

            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Trim().Length > 0)
        {
            chunks.Add(rest);
        }

        return chunks;
    }

    private static bool TryParseMention(string token, string prefix, out string id)
    {
        id = "";
        var trimmed = token?.Trim() ?? "";
        if (!trimmed.StartsWith(prefix, StringComparison.Ordinal) || !trimmed.EndsWith('>'))
        {
            return false;
        }

        var inner = trimmed[prefix.Length..^1];
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var candidate = bar >= 0 ? inner[..bar] : inner;
        if (candidate.Length < 2 || !candidate.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        id = candidate;
        return true;
    }

    /// <summary>The largest cut position ≤ <paramref name="at"/> that splits neither "&amp;amp;"-style escapes nor surrogate pairs.</summary>
    private static int SafeCut(string text, int at)
    {
        if (at >= text.Length)
        {
            return text.Length;
        }

        var cut = at;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        // An escape is at most 5 characters ("&amp;"): an '&' among the 4 before the cut with no ';' after it is being split.
        var amp = cut > 0 ? text.LastIndexOf('&', cut - 1, Math.Min(cut, 4)) : -1;
        if (amp >= 0 && text.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }

        return cut;
    }
}
