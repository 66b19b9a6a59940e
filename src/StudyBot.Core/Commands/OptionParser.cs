using System.Globalization;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands;

/// <summary>Checks one typed option value against its definition; a refusal is a short sentence that lists what is valid.</summary>
internal static class OptionParser
{
    public static bool TryParse(CommandOption option, string raw, IReferenceSyntax references, out object value, out string problem)
    {
        var text = raw.Trim();
        if (TryParseTrimmed(option, text, references, out value, out problem))
        {
            return true;
        }

        // "'' is not a valid phase. Use a whole number from 1 to 4." reads better as "phase is empty. Use …".
        var hint = problem.IndexOf(". ", StringComparison.Ordinal);
        if (text.Length == 0 && problem.StartsWith("''", StringComparison.Ordinal) && hint > 0)
        {
            problem = $"{option.Name} is empty. {problem[(hint + 2)..]}";
        }

        return false;
    }

    private static bool TryParseTrimmed(CommandOption option, string text, IReferenceSyntax references, out object value, out string problem)
    {
        value = text;
        problem = "";
        switch (option.Kind)
        {
            case OptionKind.Text:
            case OptionKind.Attachment:
                return TryText(option, text, out value, out problem);
            case OptionKind.WholeNumber:
                return TryWholeNumber(option, text, out value, out problem);
            case OptionKind.Choice:
                return TryChoice(option, text, out value, out problem);
            case OptionKind.TimeZone:
                if (TimeZones.TryFind(text, out var zone))
                {
                    value = zone;
                    return true;
                }

                problem = TimeZoneCatalog.Explain(text);
                return false;
            case OptionKind.Time:
                if (DailyTime.TryParse(text, out var time))
                {
                    value = time.Value;
                    return true;
                }

                problem = $"'{Shorten(text)}' is not a time. Use the 24-hour HH:mm form, e.g. 09:00 or 18:30.";
                return false;
            default:
                if (references.TryRead(option.Kind, text, out var id, out problem))
                {
                    value = id;
                    return true;
                }

                return false;
        }
    }

    private static bool TryText(CommandOption option, string text, out object value, out string problem)
    {
        value = text;
        problem = "";
        if (option.MinLength is { } min && text.Length < min)
        {
            problem = $"{option.Name} needs at least {min} characters (you wrote {text.Length}).";
            return false;
        }

        if (option.MaxLength is { } max && text.Length > max)
        {
            problem = $"{option.Name} can be at most {max} characters (you wrote {text.Length}).";
            return false;
        }

        return true;
    }

    private static bool TryWholeNumber(CommandOption option, string text, out object value, out string problem)
    {
        value = 0;
        problem = "";
        var inRange = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            && (option.MinValue is not { } lowest || number >= lowest)
            && (option.MaxValue is not { } highest || number <= highest);
        if (inRange)
        {
            value = number;
            return true;
        }

        problem = (option.MinValue, option.MaxValue) switch
        {
            ({ } min, { } max) => $"'{Shorten(text)}' is not a valid {option.Name}. Use a whole number from {min} to {max}.",
            ({ } min, null) => $"'{Shorten(text)}' is not a valid {option.Name}. Use a whole number from {min} up.",
            _ => $"'{Shorten(text)}' is not a valid {option.Name}. Use a whole number.",
        };
        return false;
    }

    private static bool TryChoice(CommandOption option, string text, out object value, out string problem)
    {
        value = text;
        problem = "";
        var match = option.ChoiceList.FirstOrDefault(c =>
            string.Equals(c.Value, text, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.Label, text, StringComparison.OrdinalIgnoreCase)
            || c.Aliases.Any(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)));
        if (match is not null)
        {
            value = match.Value;
            return true;
        }

        var closest = ClosestNames.Find(text, option.ChoiceList.Select(c => c.Value));
        var didYouMean = closest.Count > 0 ? $" Did you mean {ClosestNames.Join(closest)}?" : "";
        problem = $"'{Shorten(text)}' is not a valid {option.Name}.{didYouMean} Choose one of: {string.Join(", ", option.ChoiceList.Select(c => c.Value))}.";
        return false;
    }

    private static string Shorten(string text) => TextFormat.Echo(text);
}
