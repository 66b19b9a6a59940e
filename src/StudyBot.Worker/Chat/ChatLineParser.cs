using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Worker.Chat;

/// <summary>
/// Reads one typed line: <c>/name option:value option:"value with spaces"</c>. Bare words fill the options in
/// order, so <c>/schedule show</c> and <c>/roadmap 2</c> work too; a text option takes all the remaining words.
/// </summary>
public static class ChatLineParser
{
    /// <summary>A parsed line; <see cref="Extra"/> holds words no option took.</summary>
    public sealed record ParsedLine(string Command, IReadOnlyDictionary<string, string> Options, string? Extra);

    public static ParsedLine? Parse(string line, IReadOnlyList<CommandDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(definitions);
        var tokens = Tokenize(line.Trim());
        if (tokens.Count == 0 || !tokens[0].StartsWith('/'))
        {
            return null;
        }

        var name = tokens[0][1..];
        var definition = definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var bare = new List<string>();
        for (var i = 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? token[..colon] : null;
            if (key is null || !key.All(c => char.IsAsciiLetter(c) || c == '-'))
            {
                bare.Add(Unquote(token));
                continue;
            }

            var value = token[(colon + 1)..];
            var isText = definition?.Options.Any(o => o.Kind == OptionKind.Text && string.Equals(o.Name, key, StringComparison.OrdinalIgnoreCase)) == true;
            if (isText && !IsQuoted(value))
            {
                // Unquoted free text runs to the end of the line: /answer text:Feature stores keep features consistent
                options[key] = string.Join(' ', tokens.Skip(i + 1).Prepend(value));
                break;
            }

            options[key] = Unquote(value);
        }

        var extra = FillPositional(definition, options, bare);
        return new ParsedLine(name, options, extra);
    }

    private static string? FillPositional(CommandDefinition? definition, Dictionary<string, string> options, List<string> bare)
    {
        var free = definition?.Options.Where(o => !options.ContainsKey(o.Name)).ToList() ?? [];
        var index = 0;
        foreach (var option in free)
        {
            if (index >= bare.Count)
            {
                return null;
            }

            if (option.Kind == OptionKind.Text)
            {
                options[option.Name] = string.Join(' ', bare.Skip(index));
                return null;
            }

            options[option.Name] = bare[index++];
        }

        return index < bare.Count ? string.Join(' ', bare.Skip(index)) : null;
    }

    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                current.Append(c);
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && (current.Length == 0 || current[^1] == ':'))
            {
                quote = c;
                current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static bool IsQuoted(string value) => value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0];

    private static string Unquote(string value) =>
        IsQuoted(value) ? value[1..^1] : value.TrimStart('"', '\'');
}
