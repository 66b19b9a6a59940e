using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Sets the member's own IANA zone: from now on their days (and streak credits) follow it.</summary>
public sealed class TimezoneCommand(IMemberStore members, TimeProvider time) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "timezone",
        "Set your time zone so your streak follows your own day",
        [new CommandOption("zone", "An IANA time zone, e.g. Europe/Berlin", OptionKind.TimeZone, Required: true, Autocomplete: true)],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var zone = request.Zone("zone")!;
        var name = TimeZones.NameOf(zone);
        var member = request.Member;
        await members.SetTimeZoneAsync(member.ServerId, member.MemberId, member.DisplayName, name, cancellationToken);
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        return Reply.Success(
            "Time zone set",
            $"Your days now follow {name}: it is {DailyTime.FormatDate(DateOnly.FromDateTime(local.DateTime))} {DailyTime.Format(TimeOnly.FromDateTime(local.DateTime))} there. Days already counted stay as they are.");
    }
}
