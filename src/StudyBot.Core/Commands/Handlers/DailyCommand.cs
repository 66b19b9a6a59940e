using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Shows the current daily question with its Answer button, and whether the member's day is done.</summary>
public sealed class DailyCommand(DailyQuestionService daily, StreakService streaks, IServerStore servers) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("daily", "Today's interview question", [], Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var member = request.Member;
        var settings = await servers.GetAsync(member.ServerId, cancellationToken);
        var next = await NextQuestion.DescribeAsync(daily, settings, member.IsAdmin, cancellationToken);

        var latest = await daily.GetLatestPostedAsync(member.ServerId, cancellationToken);
        if (latest is null)
        {
            return Reply.Personal("No daily question yet", next);
        }

        var report = await streaks.GetReportAsync(member.ServerId, member.MemberId, member.DisplayName, cancellationToken);
        var status = report.TodayDone
            ? $"You have answered today ({DailyTime.FormatDate(report.Today)}, {report.TimeZoneId}). Streak {report.Current}."
            : $"Not answered yet today ({DailyTime.FormatDate(report.Today)}, {report.TimeZoneId}). Streak {report.Current}: answer with the button or /answer.";
        var reply = DailyPostReply.Build(latest.Value.Question, latest.Value.Slot.LocalDate);
        return reply with
        {
            Fields = [.. reply.Fields, new ReplyField("Your day", status), new ReplyField("Schedule", next)],
            Visibility = ReplyVisibility.Private,
        };
    }
}
