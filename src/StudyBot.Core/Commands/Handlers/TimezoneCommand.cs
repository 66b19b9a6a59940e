using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>
/// Sets the member's own IANA zone from their next local day (so a change can never count one real day twice);
/// at most one change a day.
/// </summary>
public sealed class TimezoneCommand(StreakService streaks) : ICommandHandler
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
        var result = await streaks.ChangeZoneAsync(request.Member, zone, cancellationToken);
        var current = TimeZones.NameOf(result.CurrentZone);
        var from = $"{When(result.EffectiveFrom, result.CurrentZone)} {current}";
        if (!result.Accepted)
        {
            return Reply.Problem($"You changed your time zone today already; that change starts at {from}. One change a day: try again after then.");
        }

        return Reply.Success(
            "Time zone set",
            $"Your days follow {name} from {from}, when your current day ends ({When(result.EffectiveFrom, zone)} in {name}). " +
            $"Until then they follow {current}, so no day counts twice. Days already counted stay as they are.");
    }

    private static string When(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{DailyTime.FormatDate(DateOnly.FromDateTime(local.DateTime))} {DailyTime.Format(TimeOnly.FromDateTime(local.DateTime))}";
    }
}
