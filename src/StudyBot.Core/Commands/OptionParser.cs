using System.Globalization;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands;

/// <summary>Checks one typed option value against its definition; a refusal is a short sentence that lists what is valid.</summary>
internal static class OptionParser
{
    public static bool TryParse(CommandOption option, string raw, IReferenceSyntax references, out object value, out string problem)
    {
        value = raw;
        problem = "";
        var text = raw.Trim();
        switch (option.Kind)
        {
            case OptionKind.Text:
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

                problem = $"'{Shorten(text)}' is not an IANA time zone. Use a name like Europe/Berlin, America/New_York, Asia/Kolkata or UTC.";
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

        problem = $"'{Shorten(text)}' is not a valid {option.Name}. Choose one of: {string.Join(", ", option.ChoiceList.Select(c => c.Value))}.";
        return false;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
