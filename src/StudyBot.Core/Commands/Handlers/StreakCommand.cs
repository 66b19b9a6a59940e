using System.Globalization;
using System.Text;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Current and best streak, today pending or done, and the last four weeks as a small calendar.</summary>
public sealed class StreakCommand(StreakService streaks) : ICommandHandler
{
    private const int CalendarWeeks = 4;

    public CommandDefinition Definition { get; } = new(
        "streak",
        "Your daily streak (or another member's)",
        [new CommandOption("member", "Whose streak", OptionKind.Member)],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var member = request.Member;
        var other = request.Text("member");
        var memberId = other ?? member.MemberId;
        var fallbackName = memberId == member.MemberId ? member.DisplayName : $"Member {memberId}";
        var report = await streaks.GetReportAsync(member.ServerId, memberId, fallbackName, cancellationToken);

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
            new ReplyField("Today", today),
            new ReplyField($"Last {CalendarWeeks} weeks (■ answered · □ not · ◇ today, pending)", Calendar(report)));
    }

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
