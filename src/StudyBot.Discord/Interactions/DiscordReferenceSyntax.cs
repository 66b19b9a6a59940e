using System.Globalization;
using System.Text.RegularExpressions;
using StudyBot.Core.Commands;

namespace StudyBot.Discord.Interactions;

/// <summary>Discord sends channel, role and user options as snowflakes; typed text may carry a mention (&lt;#1&gt;, &lt;@&amp;2&gt;, &lt;@3&gt;).</summary>
public sealed partial class DiscordReferenceSyntax : IReferenceSyntax
{
    public static DiscordReferenceSyntax Instance { get; } = new();

    public bool TryRead(OptionKind kind, string text, out string id, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        id = "";
        problem = "";
        var mention = MentionPattern().Match(text);

        // Twenty digits can overflow a snowflake: such an id names nothing on Discord.
        if (mention.Success && ulong.TryParse(mention.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var snowflake))
        {
            id = snowflake.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        var shown = TextFormat.Echo(text);
        problem = kind switch
        {
            OptionKind.Member => $"'{shown}' is not a member. Mention them (@name) or give their id.",
            OptionKind.Role => $"'{shown}' is not a role. Mention it (@role) or give its id.",
            _ => $"'{shown}' is not a channel. Mention it (#channel) or give its id.",
        };
        return false;
    }

    [GeneratedRegex(@"^(?:<(?:#|@&|@!?)(?<id>\d{1,20})>|(?<id>\d{1,20}))$")]
    private static partial Regex MentionPattern();
}
