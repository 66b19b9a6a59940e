namespace StudyBot.Core.Commands;

/// <summary>Small text helpers shared by replies; plain text that reads well both in Discord and a terminal.</summary>
public static class TextFormat
{
    public static string Bullets(IEnumerable<string> items) => string.Join('\n', items.Select(i => "• " + i));

    public static string Plural(int count, string singular, string plural) => count == 1 ? $"{count} {singular}" : $"{count} {plural}";
}
