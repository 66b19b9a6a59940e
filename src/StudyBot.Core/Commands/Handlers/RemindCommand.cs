using System.Globalization;
using StudyBot.Core.Reminders;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>The member's own daily reminder: <c>/remind time:20:00</c> in their zone, <c>/remind off</c>, or what is set.</summary>
public sealed class RemindCommand(ReminderService reminders) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "remind",
        "A private reminder at your own time on days you have not answered",
        [
            new CommandOption("time", "Your local time, HH:mm (24-hour), e.g. 20:00", OptionKind.Time),
            new CommandOption("action", "Turn the reminder off, or show it", OptionKind.Choice, Choices:
            [
                new OptionChoice("off", "Turn the reminder off", "stop", "none"),
                new OptionChoice("show", "Show your reminder"),
            ]),
        ],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var member = request.Member;
        var at = request.Time("time");
        var action = request.Text("action");
        if (at is not null && action is not null)
        {
            return Reply.Problem("Give a time (/remind time:20:00) or off (/remind off), not both.");
        }

        if (at is { } time)
        {
            var set = await reminders.SetAsync(member, time, cancellationToken);
            return Reply.Success(
                "Reminder set",
                $"On days you have not answered by {DailyTime.Format(time)} ({set.TimeZoneId}), you get a private reminder with the question. "
                + $"Next: {Describe(set)}. Turn it off with /remind off.");
        }

        if (action == "off")
        {
            var removed = await reminders.TurnOffAsync(member.ServerId, member.MemberId, cancellationToken);
            return Reply.Success("Reminder off", removed ? "No more reminders. Turn them on again with /remind time:HH:mm." : "You had no reminder. Set one with /remind time:HH:mm.");
        }

        var current = await reminders.GetAsync(member.ServerId, member.MemberId, cancellationToken);
        return current is null
            ? Reply.Personal("No reminder", "Reminders are off. Set one at your own time: /remind time:20:00 (your time zone; /timezone sets it).")
            : Reply.Personal("Your reminder", $"At {DailyTime.Format(current.Time)} ({current.TimeZoneId}) on days you have not answered. Next: {Describe(current)}. /remind off turns it off.");
    }

    private static string Describe(Reminder reminder)
    {
        var local = TimeZoneInfo.ConvertTime(reminder.DueAt, TimeZones.FindOrUtc(reminder.TimeZoneId));
        return string.Create(CultureInfo.InvariantCulture, $"{DailyTime.FormatDate(reminder.DueDate)} {local:HH:mm}, if the day has a question you have not answered");
    }
}
