using System.Globalization;
using System.Text;

namespace StudyBot.Core.Commands;

/// <summary>
/// Reads a command typed as one line of text (the console chat, Slack's /study):
/// <c>/name option:value option:"value with spaces"</c>. Bare words fill the options they fit, in order, so
/// <c>/schedule show</c>, <c>/roadmap 2</c> and <c>/question 42</c> work too; a text option takes all the remaining words.
/// </summary>
public static class CommandLineParser
{
    /// <summary>A parsed line; <see cref="Problem"/> says why the line itself cannot be run (an option given twice, a word nothing takes).</summary>
    public sealed record ParsedLine(string Command, IReadOnlyDictionary<string, string> Options, string? Problem);

    /// <summary>Parses <paramref name="line"/>; <paramref name="references"/> decides which bare words are references (plain names when null).</summary>
    public static ParsedLine? Parse(string line, IReadOnlyList<CommandDefinition> definitions, IReferenceSyntax? references = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(definitions);
        var (rest, attachment) = SplitAttachment(line.Trim(), definitions);
        var tokens = Tokenize(rest);
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
            var key = KeyOf(token);
            if (key is null)
            {
                bare.Add(Unquote(token));
                continue;
            }

            var value = token[(key.Length + 1)..];
            var isText = definition?.Options.Any(o => o.Kind == OptionKind.Text && string.Equals(o.Name, key, StringComparison.OrdinalIgnoreCase)) == true;
            var text = isText && !IsQuoted(value)
                // Unquoted free text runs to the end of the line: /answer text:Feature stores keep features consistent
                ? string.Join(' ', tokens.Skip(i + 1).Prepend(value))
                : Unquote(value);
            if (!isText && value.Length == 0 && i + 1 < tokens.Count && KeyOf(tokens[i + 1]) is null)
            {
                // "time: 09:00": a space after the colon still gives the option its value.
                text = Unquote(tokens[++i]);
            }

            if (options.TryGetValue(key, out var earlier))
            {
                return new ParsedLine(name, options, $"{key} is given twice ('{TextFormat.Echo(earlier)}', then '{TextFormat.Echo(text)}'). Give each option once.");
            }

            options[key] = text;
            if (isText && !IsQuoted(value))
            {
                break;
            }
        }

        if (attachment is { } file)
        {
            if (options.ContainsKey(file.Name))
            {
                return new ParsedLine(name, options, $"{file.Name} is given twice. Give each option once.");
            }

            options[file.Name] = file.Value;
        }

        // An unknown command's words are not checked here: the dispatcher answers that there is no such command.
        if (definition is null)
        {
            return new ParsedLine(name, options, null);
        }

        var extra = FillPositional(definition, options, bare, references);
        var problem = extra is null ? null : $"I did not understand '{TextFormat.Echo(extra)}'. Usage: {definition.Usage}";
        return new ParsedLine(name, options, problem);
    }

    // A file given as text (Slack's /study import-questions file:…) keeps its line breaks and quotes: everything after
    // "name:" is the file, so it is cut off before the rest of the line is split into words.
    private static (string Remainder, (string Name, string Value)? Attachment) SplitAttachment(string line, IReadOnlyList<CommandDefinition> definitions)
    {
        var firstSpace = line.IndexOfAny([' ', '\t', '\n', '\r']);
        var command = (firstSpace < 0 ? line : line[..firstSpace]).TrimStart('/');
        var definition = definitions.FirstOrDefault(d => string.Equals(d.Name, command, StringComparison.OrdinalIgnoreCase));
        if (firstSpace < 0 || definition is null)
        {
            return (line, null);
        }

        foreach (var option in definition.Options.Where(o => o.Kind == OptionKind.Attachment))
        {
            var key = option.Name + ":";
            for (var at = line.IndexOf(key, firstSpace, StringComparison.OrdinalIgnoreCase); at >= 0; at = line.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (char.IsWhiteSpace(line[at - 1]))
                {
                    var value = line[(at + key.Length)..].Trim();
                    var unquoted = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
                    return (line[..at].TrimEnd(), (option.Name, unquoted));
                }
            }
        }

        return (line, null);
    }

    // Each bare word goes to the first free option that takes it (a number to the first free number option, so
    // /question 42 is an id), else to the first free option, which then explains what it expects.
    private static string? FillPositional(CommandDefinition definition, Dictionary<string, string> options, List<string> bare, IReferenceSyntax? references)
    {
        var free = definition.Options.Where(o => !options.ContainsKey(o.Name)).ToList();
        for (var index = 0; index < bare.Count; index++)
        {
            if (free.Count == 0)
            {
                return string.Join(' ', bare.Skip(index));
            }

            var word = bare[index];
            var isNumber = int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            var option = free.FirstOrDefault(o => o.Kind != OptionKind.Text && o.Accepts(word, references))
                ?? (isNumber ? free.FirstOrDefault(o => o.Kind == OptionKind.WholeNumber) : null)
                ?? free[0];
            if (option.Kind == OptionKind.Text)
            {
                options[option.Name] = string.Join(' ', bare.Skip(index));
                return null;
            }

            options[option.Name] = word;
            free.Remove(option);
        }

        return null;
    }

    /// <summary>The option name of a <c>name:value</c> token; null for a bare word such as 09:00.</summary>
    private static string? KeyOf(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var key = colon > 0 ? token[..colon] : null;
        return key is not null && key.All(c => char.IsAsciiLetter(c) || c == '-') ? key : null;
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
