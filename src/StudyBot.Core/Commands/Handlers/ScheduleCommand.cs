using System.Text;
using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Admin: show the next runs, pause, resume, post now or skip the next post.</summary>
public sealed class ScheduleCommand(IServerStore servers, DailyQuestionService daily) : ICommandHandler
{
    private const int ShownRuns = 5;

    public CommandDefinition Definition { get; } = new(
        "schedule",
        "Show or control the daily question schedule",
        [new CommandOption("action", "What to do", OptionKind.Choice, Required: true, Choices:
        [
            new OptionChoice("show", "Show the next runs"),
            new OptionChoice("pause", "Pause the daily question"),
            new OptionChoice("resume", "Resume the daily question"),
            new OptionChoice("post-now", "Post today's question now", "postnow", "post"),
            new OptionChoice("skip", "Skip the next post"),
        ]),
        new CommandOption("freezes", $"Streak freezes a member may hold: 0 (off) to {StreakRules.MaxFreezeLimit}", OptionKind.WholeNumber, MinValue: 0, MaxValue: StreakRules.MaxFreezeLimit)],
        AdminOnly: true,
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var serverId = request.Member.ServerId;
        var settings = await servers.GetAsync(serverId, cancellationToken);
        if (settings is null)
        {
            return Reply.Problem("There is no schedule yet. Set one up: /setup channel:#daily time:09:00 timezone:Europe/Berlin");
        }

        if (request.Number("freezes") is { } limit)
        {
            // The freeze limit goes with any action; with show, the answer is about the freezes.
            settings = settings with { FreezeLimit = limit };
            await servers.SaveAsync(settings, cancellationToken);
            if (request.Text("action") == "show")
            {
                return Reply.Success(
                    "Streak freezes",
                    limit == 0
                        ? "Freezes are off: a missed day breaks a streak. Days already frozen stay frozen."
                        : $"Members earn a freeze for every {StreakRules.DaysPerFreeze} consecutive counted days and hold at most {limit}. A held freeze covers a missed day by itself.");
            }
        }

        switch (request.Text("action"))
        {
            case "pause":
                await daily.PauseAsync(serverId, $"Paused by {request.Member.DisplayName}.", cancellationToken);
                return Reply.Success("Schedule paused", "No daily question is posted until /schedule resume.");
            case "resume":
                var caughtUp = await daily.ResumeAsync(serverId, cancellationToken);
                var extra = caughtUp?.Outcome == DailyRunOutcome.Posted ? " Today's question, held back while paused, was posted now." : "";
                return Reply.Success("Schedule resumed", $"The daily question runs again.{extra}");
            case "skip":
                var skipped = await daily.SkipNextAsync(serverId, cancellationToken);
                return Reply.Success("Next post skipped", $"No question on {DailyTime.FormatDate(skipped!.Value)}. Undo with /schedule resume.");
            case "post-now":
                return PostNowReply(await daily.PostNowAsync(serverId, cancellationToken));
            default:
                return await ShowAsync(settings, cancellationToken);
        }
    }

    private static Reply PostNowReply(DailyRunResult result) => result.Outcome switch
    {
        DailyRunOutcome.Posted => Reply.Success("Posted", $"Q#{result.Slot!.QuestionId} is posted for {DailyTime.FormatDate(result.Slot.LocalDate)}."),
        DailyRunOutcome.AlreadyPosted => Reply.Problem($"Today's question (Q#{result.Slot!.QuestionId}) is already posted: one question a day."),
        DailyRunOutcome.Missed => Reply.Problem("Today was recorded as missed; the next question comes at the scheduled time."),
        DailyRunOutcome.ChannelUnavailable => Reply.Problem($"Could not post: {result.Detail}"),
        _ => Reply.Problem("The question could not be posted just now; it will be retried. Check /schedule show."),
    };

    private async Task<Reply> ShowAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        var history = await daily.GetHistoryAsync(settings.ServerId, cancellationToken);
        var byDate = history.ToDictionary(s => s.LocalDate);
        var runs = new StringBuilder();
        foreach (var date in daily.NextRunDates(settings, ShownRuns))
        {
            var note = byDate.TryGetValue(date, out var slot) ? $" ({slot.Status.ToString().ToLowerInvariant()})" : "";
            runs.Append(DailyTime.FormatDate(date)).Append(' ').Append(DailyTime.Format(settings.PostTime)).Append(note).Append('\n');
        }

        var today = daily.TodayFor(settings);
        var todayText = byDate.TryGetValue(today, out var todaySlot)
            ? $"{todaySlot.Status}{(todaySlot.QuestionId is { } id ? $" · Q#{id}" : "")}"
            : "not posted yet";
        var status = settings.Paused ? $"Paused. {settings.PausedReason}" : "Running";
        var asked = history.Count(s => s.HoldsQuestion);
        var reply = Reply.Personal(
            "Daily question schedule",
            $"Channel {settings.ChannelId} · {DailyTime.Format(settings.PostTime)} ({settings.TimeZoneId}) · role {settings.PingRoleId ?? "none"}",
            new ReplyField("Status", status),
            new ReplyField("Today", todayText, Inline: true),
            new ReplyField("Streak freezes", settings.FreezeLimit == 0 ? "off" : $"at most {settings.FreezeLimit} held", Inline: true),
            new ReplyField("Questions posted", asked.ToString(System.Globalization.CultureInfo.InvariantCulture), Inline: true),
            new ReplyField("Questions from", $"{QuestionCatalog.Describe(settings.QuestionSource)} (change with /questions action:source)"),
            new ReplyField(settings.Paused ? "Next runs (once resumed)" : "Next runs", runs.ToString().TrimEnd()));
        var milestones = Milestones.MilestoneMap.Parse(settings.MilestoneRoles);
        return milestones.Count == 0 && settings.MilestonesPausedReason is null
            ? reply
            : reply with
            {
                Fields = [.. reply.Fields, new ReplyField("Milestone roles", settings.MilestonesPausedReason is { } reason ? $"{reason}\n{MilestonesCommand.Describe(milestones)}" : MilestonesCommand.Describe(milestones))],
            };
    }
}
