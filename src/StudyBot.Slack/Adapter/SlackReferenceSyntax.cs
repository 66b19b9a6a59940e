using System.Text.RegularExpressions;
using StudyBot.Core.Commands;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Adapter;

/// <summary>
/// References as Slack escapes them in a slash command's text (the command has should_escape on): a channel
/// &lt;#C123|daily&gt;, a member &lt;@U123|ada&gt;, a user group (Slack's roles) &lt;!subteam^S123|@study&gt;; or a bare id.
/// </summary>
public sealed partial class SlackReferenceSyntax : IReferenceSyntax
{
    public static SlackReferenceSyntax Instance { get; } = new();

    public bool TryRead(OptionKind kind, string text, out string id, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = "";
        var found = kind switch
        {
            OptionKind.Channel => SlackText.TryParseChannelMention(text, out id) || BareId(text, "CG", out id),
            OptionKind.Member => SlackText.TryParseUserMention(text, out id) || BareId(text, "UW", out id),
            _ => UserGroup(text, out id) || BareId(text, "S", out id),
        };
        if (found)
        {
            return true;
        }

        var shown = TextFormat.Echo(text);
        problem = kind switch
        {
            OptionKind.Channel => $"'{shown}' is not a channel. Pick it with # (e.g. #daily) so Slack sends its id.",
            OptionKind.Member => $"'{shown}' is not a member. Mention them with @ so Slack sends their id.",
            _ => $"'{shown}' is not a user group. Mention it with @ (e.g. @study) so Slack sends its id.",
        };
        return false;
    }

    private static bool UserGroup(string text, out string id)
    {
        var match = UserGroupPattern().Match(text);
        id = match.Success ? match.Groups["id"].Value : "";
        return match.Success;
    }

    private static bool BareId(string text, string prefixes, out string id)
    {
        id = "";
        if (!IdPattern().IsMatch(text) || !prefixes.Contains(text[0], StringComparison.Ordinal))
        {
            return false;
        }

        id = text;
        return true;
    }

    [GeneratedRegex(@"^<!subteam\^(?<id>S[A-Z0-9]{2,30})(?:\|[^>]*)?>$")]
    private static partial Regex UserGroupPattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]{2,30}$")]
    private static partial Regex IdPattern();
}
