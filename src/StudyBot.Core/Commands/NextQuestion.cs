using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands;

/// <summary>
/// When the next daily question comes, as /daily, /answer and /setup say it. When today's post time has passed with
/// no question today (the first day, typically), an admin also learns that /schedule post-now posts it now.
/// </summary>
internal static class NextQuestion
{
    public static async Task<string> DescribeAsync(DailyQuestionService daily, ServerSettings? settings, bool isAdmin, CancellationToken cancellationToken)
    {
        if (settings is null)
        {
            return isAdmin
                ? "No schedule yet: set it up with /setup channel:#daily time:09:00 timezone:Europe/Berlin."
                : "No schedule yet: an admin sets it up with /setup.";
        }

        if (settings.Paused)
        {
            return isAdmin ? "The schedule is paused: /schedule resume runs it again." : "The schedule is paused.";
        }

        var history = await daily.GetHistoryAsync(settings.ServerId, cancellationToken);
        var first = !history.Any(s => s.HoldsQuestion);
        // A skipped date is no run: among the next (skips + 1) run dates at least one is not skipped.
        var skipped = history.Where(s => s.Status == DailySlotStatus.Skipped).Select(s => s.LocalDate).ToHashSet();
        var next = daily.NextRunDates(settings, skipped.Count + 1).First(d => !skipped.Contains(d));
        var text = $"{(first ? "First" : "Next")} question: {When(settings, next)}.";
        var today = daily.TodayFor(settings);
        if (isAdmin && next > today && !history.Any(s => s.LocalDate == today))
        {
            text += $" Today's {DailyTime.Format(settings.PostTime)} has passed; /schedule post-now posts today's question now.";
        }

        return text;
    }

    public static string When(ServerSettings settings, DateOnly date) =>
        $"{DailyTime.FormatDate(date)} at {DailyTime.Format(settings.PostTime)} ({settings.TimeZoneId})";
}
