using System.Text.RegularExpressions;

namespace StudyBot.Core.Commands;

/// <summary>
/// How one platform writes a reference to a channel, a role or a member in an option value (Discord sends ids, Slack
/// escapes them as &lt;#C123|name&gt;, the console chat takes names). The adapter that received the command knows.
/// </summary>
public interface IReferenceSyntax
{
    /// <summary>The referenced id, or false with a short sentence saying what is valid.</summary>
    bool TryRead(OptionKind kind, string text, out string id, out string problem);
}

/// <summary>A plain name or id, with an optional leading # or @: how people type references where no platform resolves them.</summary>
public sealed partial class PlainReferenceSyntax : IReferenceSyntax
{
    public static PlainReferenceSyntax Instance { get; } = new();

    public bool TryRead(OptionKind kind, string text, out string id, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        id = "";
        problem = "";
        if (NamePattern().IsMatch(text))
        {
            id = text.TrimStart('#', '@');
            return true;
        }

        var shown = TextFormat.Echo(text);
        problem = kind switch
        {
            OptionKind.Member => $"'{shown}' is not a member. Give their name as the leaderboard shows it.",
            OptionKind.Role => $"'{shown}' is not a role. Give its name, e.g. @study.",
            _ => $"'{shown}' is not a channel. Give its name, e.g. #daily.",
        };
        return false;
    }

    [GeneratedRegex(@"^[#@]?[\p{L}\p{N}_.-]{1,100}$")]
    private static partial Regex NamePattern();
}
