using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Admin: where and when the daily question is posted, in which IANA zone, and which role to ping.</summary>
public sealed class SetupCommand(IServerStore servers, IDailyScheduleRegistry registry, DailyQuestionService daily, TimeProvider time) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "setup",
        "Set the daily question's channel, local time and time zone",
        [
            new CommandOption("channel", "Channel for the daily question", OptionKind.Channel, Required: true),
            new CommandOption("time", "Local time, HH:mm (24-hour)", OptionKind.Time, Required: true),
            new CommandOption("timezone", "IANA time zone, e.g. Europe/Berlin", OptionKind.TimeZone, Required: true, Autocomplete: true),
            new CommandOption("role", "Role to ping with each question", OptionKind.Role),
        ],
        AdminOnly: true,
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var serverId = request.Member.ServerId;
        var previous = await servers.GetAsync(serverId, cancellationToken);
        var settings = new ServerSettings(
            serverId,
            request.Text("channel")!,
            request.Time("time")!.Value,
            TimeZones.NameOf(request.Zone("timezone")!),
            request.Text("role"),
            Paused: false,
            PausedReason: null,
            ConfiguredAt: time.GetUtcNow(),
            QuestionSource: previous?.QuestionSource ?? QuestionSource.Both);
        await servers.SaveAsync(settings, cancellationToken);
        await registry.ApplyAsync(settings, cancellationToken);

        var next = await NextQuestion.DescribeAsync(daily, settings, isAdmin: true, cancellationToken);
        var ping = settings.PingRoleId is null ? "No role is pinged." : $"Pings role {settings.PingRoleId}.";
        var resumed = previous?.Paused == true ? " The schedule was paused; it runs again." : "";
        return Reply.Success(
            "Daily question set up",
            $"Posting in channel {settings.ChannelId} every day at {DailyTime.Format(settings.PostTime)} ({settings.TimeZoneId}). {next} {ping}{resumed}");
    }
}
