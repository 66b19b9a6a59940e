using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace StudyBot.Core.Time;

/// <summary>Parses the "HH:mm" times people type, 24-hour clock.</summary>
public static class DailyTime
{
    private static readonly string[] Formats = ["H:mm", "HH:mm"];

    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeOnly? time)
    {
        time = null;
        if (text is null)
        {
            return false;
        }

        if (TimeOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);
}
