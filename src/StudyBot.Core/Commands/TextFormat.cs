namespace StudyBot.Core.Commands;

/// <summary>Small text helpers shared by replies; plain text that reads well both in Discord and a terminal.</summary>
public static class TextFormat
{
    public static string Bullets(IEnumerable<string> items) => string.Join('\n', items.Select(i => "• " + i));

    public static string Plural(int count, string singular, string plural) => count == 1 ? $"{count} {singular}" : $"{count} {plural}";

    /// <summary>
    /// What someone typed, fit to be quoted back in one line: at most <paramref name="max"/> characters, control
    /// characters (a NUL, a line break) shown as '?'.
    /// </summary>
    public static string Echo(string? typed, int max = 40)
    {
        var text = typed ?? "";
        var shown = text.Length <= max ? text : text[..max] + "…";
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
