using System.Globalization;
using System.Text;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>
/// Current and best streak, today pending or done, and the last four weeks as a small calendar; with
/// <c>view:history</c>, each of the last days explained and what breaks the streak next.
/// </summary>
public sealed class StreakCommand(StreakService streaks) : ICommandHandler
{
    public const int DefaultHistoryDays = 30;
    public const int MaxHistoryDays = 60;
    private const int CalendarWeeks = 4;

    public CommandDefinition Definition { get; } = new(
        "streak",
        "Your daily streak (or another member's)",
        [
            new CommandOption("member", "Whose streak", OptionKind.Member),
            new CommandOption("view", "What to show", OptionKind.Choice, Choices:
            [
                new OptionChoice("summary", "Current, best and a calendar"),
                new OptionChoice("history", "Each day explained"),
            ]),
            new CommandOption("days", $"How many days of history (default {DefaultHistoryDays})", OptionKind.WholeNumber, MinValue: 1, MaxValue: MaxHistoryDays),
        ],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var member = request.Member;
        var other = request.Text("member");
        var memberId = other ?? member.MemberId;
        if (memberId != member.MemberId && await streaks.IsHiddenAsync(member.ServerId, memberId, cancellationToken))
        {
            return Reply.Problem("That member keeps their streak private.");
        }

        var fallbackName = memberId == member.MemberId ? member.DisplayName : $"Member {memberId}";
        var report = await streaks.GetReportAsync(member.ServerId, memberId, fallbackName, cancellationToken);
        if (request.Text("view") == "history" || request.Has("days"))
        {
            return History(report, request.Number("days") ?? DefaultHistoryDays, memberId == member.MemberId);
        }

        var today = report.TodayDone
            ? "done ✓"
            : report.Current > 0
                ? $"pending: answer today's question to make it {report.Current + 1}"
                : "pending: answer today's question to start a streak";
        return Reply.Personal(
            memberId == member.MemberId ? "Your streak" : $"{report.DisplayName}'s streak",
            $"Days follow {report.TimeZoneId}; today is {DailyTime.FormatDate(report.Today)}.",
            new ReplyField("Current", report.Current.ToString(CultureInfo.InvariantCulture), Inline: true),
            new ReplyField("Best", report.Best.ToString(CultureInfo.InvariantCulture), Inline: true),
            new ReplyField("Active days", report.TotalDays.ToString(CultureInfo.InvariantCulture), Inline: true),
            new ReplyField("Freezes", report.FreezeLimit == 0 ? "off in this server" : $"{report.FreezesHeld} of {report.FreezeLimit} held", Inline: true),
            new ReplyField("Today", today),
            new ReplyField($"Last {CalendarWeeks} weeks (■ answered · □ not · ◇ today, pending)", Calendar(report)));
    }

    /// <summary>The last <paramref name="days"/> days, newest first, each explained; then what breaks the streak next.</summary>
    public static Reply History(StreakReport report, int days, bool own)
    {
        ArgumentNullException.ThrowIfNull(report);
        var byDate = (report.Evaluation?.Days ?? []).ToDictionary(d => d.Date);
        var first = byDate.Count == 0 ? (DateOnly?)null : byDate.Keys.Min();
        var lines = new StringBuilder();
        for (var i = 0; i < days; i++)
        {
            var date = report.Today.AddDays(-i);
            lines.Append(DailyTime.FormatDate(date)).Append("  ").Append(Explain(date, byDate.GetValueOrDefault(date), first)).Append('\n');
        }

        return Reply.Personal(
            own ? "Your streak, day by day" : $"{report.DisplayName}'s streak, day by day",
            $"Streak {report.Current} · best {report.Best} · {report.FreezesHeld} freeze{(report.FreezesHeld == 1 ? "" : "s")} held · days follow {report.TimeZoneId}.\n\n{lines.ToString().TrimEnd()}",
            new ReplyField("Next", NextBreak(report)),
            new ReplyField("Key", "✓ counted · ❄ frozen (a freeze covered a missed day) · ○ neutral (no question that day: neither counts nor breaks) · ✗ missed · ◇ today"));
    }

    /// <summary>What keeps the streak and until when: "Answer before 23:59 Europe/Berlin tonight to keep 12."</summary>
    public static string NextBreak(StreakReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.TodayDone)
        {
            return $"Today is counted. Answer tomorrow ({DailyTime.FormatDate(report.Today.AddDays(1))}, {report.TimeZoneId}) to make it {report.Current + 1}.";
        }

        if (report.Current == 0)
        {
            return $"Answer before 23:59 {report.TimeZoneId} tonight to start a streak.";
        }

        var cover = report.FreezesHeld > 0
            ? $" If you miss it, a freeze covers the day ({report.FreezesHeld} held)."
            : " A day without a posted question never breaks it.";
        return $"Answer before 23:59 {report.TimeZoneId} tonight to keep {report.Current}.{cover}";
    }

    private static string Explain(DateOnly date, StreakDay? day, DateOnly? first)
    {
        if (day is null)
        {
            return first is { } f && date < f ? "· before your first counted answer" : "· nothing recorded";
        }

        switch (day.Kind)
        {
            case DayKind.Counted:
                var active = day.Active!;
                var when = active.AnsweredAt is { } at && TimeZones.TryFind(active.TimeZoneId, out var zone)
                    ? DailyTime.Format(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime)) + " "
                    : "";
                var question = (active.QuestionId ?? day.Question.QuestionId) is { } id ? $" · Q#{id}" : "";
                var practice = active.Answers > 1 ? $" (+{active.Answers - 1} practice)" : "";
                return $"✓ counted at {when}{active.TimeZoneId}{question}{practice}";
            case DayKind.Frozen:
                return $"❄ frozen: missed{Posted(day.Question)}, a freeze covered it ({day.FreezesHeld} left)";
            case DayKind.Neutral:
                return $"○ neutral: {day.Question.NeutralReason}";
            case DayKind.Missed:
                return $"✗ missed{Posted(day.Question)}";
            default:
                return "◇ today, not answered yet";
        }
    }

    private static string Posted(DayQuestion question) => question.QuestionId is { } id ? $" (Q#{id} was posted)" : "";

    /// <summary>Weeks as rows, Monday first, ending with the week that holds today.</summary>
    public static string Calendar(StreakReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var active = report.ActiveDays.ToHashSet();
        var daysSinceMonday = ((int)report.Today.DayOfWeek + 6) % 7;
        var start = report.Today.AddDays(-daysSinceMonday - (7 * (CalendarWeeks - 1)));
        var text = new StringBuilder("        Mo Tu We Th Fr Sa Su");
        for (var week = 0; week < CalendarWeeks; week++)
        {
            var monday = start.AddDays(7 * week);
            text.Append('\n').Append(monday.ToString("MMM dd", CultureInfo.InvariantCulture));
            for (var d = 0; d < 7; d++)
            {
                var day = monday.AddDays(d);
                var mark = day > report.Today ? ' ' : active.Contains(day) ? '■' : day == report.Today ? '◇' : '□';
                text.Append("  ").Append(mark);
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(row => row.TrimEnd()));
    }
}
