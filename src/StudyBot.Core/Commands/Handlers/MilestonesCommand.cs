using System.Globalization;
using StudyBot.Core.Milestones;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Admin: map streak lengths to roles that members get as their streak reaches them (Discord only).</summary>
public sealed class MilestonesCommand(IServerStore servers, MilestoneService milestones) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "milestones",
        "Roles for streak lengths: members get them as their streak reaches them (Discord)",
        [
            new CommandOption("action", "What to do", OptionKind.Choice, Required: true, Choices:
            [
                new OptionChoice("set", "Give a role at a streak length"),
                new OptionChoice("list", "Show the milestones"),
                new OptionChoice("clear", "Remove the milestone at a streak length"),
            ]),
            new CommandOption("days", $"Streak length in days ({MilestoneMap.MinDays}–{MilestoneMap.MaxDays})", OptionKind.WholeNumber, MinValue: MilestoneMap.MinDays, MaxValue: MilestoneMap.MaxDays),
            new CommandOption("role", "The role members get at that length", OptionKind.Role),
        ],
        AdminOnly: true,
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var serverId = request.Member.ServerId;
        if (!milestones.IsAvailableFor(serverId))
        {
            return Reply.Problem(MilestoneService.NotOnThisPlatform);
        }

        if (await servers.GetAsync(serverId, cancellationToken) is not { } settings)
        {
            return Reply.Problem("Set up the daily question first with /setup: milestones follow the daily streak.");
        }

        var current = MilestoneMap.Parse(settings.MilestoneRoles);
        var days = request.Number("days");
        switch (request.Text("action"))
        {
            case "set":
                if (days is null || request.Text("role") is not { } role)
                {
                    return Reply.Problem("Give the streak length and the role: /milestones action:set days:7 role:@Role");
                }

                var updated = current.Where(m => m.Days != days && m.RoleId != role).Append(new MilestoneRole(days.Value, role)).ToList();
                if (updated.Count > MilestoneMap.MaxMilestones)
                {
                    return Reply.Problem($"A server can have at most {MilestoneMap.MaxMilestones} milestones; clear one first (/milestones action:clear days:N).");
                }

                await servers.SaveAsync(settings with { MilestoneRoles = MilestoneMap.Format(updated), MilestonesPausedReason = null }, cancellationToken);
                var resumed = settings.MilestonesPausedReason is null ? "" : " Milestone roles were paused; they run again.";
                return Reply.Success(
                    "Milestone set",
                    $"Members whose streak reaches {Days(days.Value)} get role {role}, and keep the roles of shorter milestones. "
                    + $"Roles follow the streak each time a member uses StudyBot here: a broken streak loses them.{resumed}");
            case "clear":
                if (days is null)
                {
                    return Reply.Problem("Give the streak length to clear: /milestones action:clear days:7");
                }

                if (current.All(m => m.Days != days))
                {
                    return Reply.Problem($"There is no milestone at {Days(days.Value)}. /milestones action:list shows them.");
                }

                await servers.SaveAsync(settings with { MilestoneRoles = MilestoneMap.Format(current.Where(m => m.Days != days)) }, cancellationToken);
                return Reply.Success("Milestone cleared", $"No role is given at {Days(days.Value)} any more. Members who hold it keep it; remove it on the platform if you want it gone.");
            default:
                return List(settings, current);
        }
    }

    /// <summary>"7 days → role 123" per milestone, shortest first; for /schedule show too.</summary>
    public static string Describe(IReadOnlyList<MilestoneRole> milestones) =>
        string.Join('\n', milestones.Select(m => $"{Days(m.Days)} → role {m.RoleId}"));

    private static Reply List(ServerSettings settings, IReadOnlyList<MilestoneRole> current)
    {
        if (current.Count == 0)
        {
            return Reply.Personal("Milestone roles", "None yet. Add one: /milestones action:set days:7 role:@Role");
        }

        var text = Describe(current);
        return settings.MilestonesPausedReason is { } reason
            ? Reply.Personal("Milestone roles", text, new ReplyField("Status", reason))
            : Reply.Personal("Milestone roles", text, new ReplyField("Status", "Running: members get every role their current streak has reached."));
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{days.ToString(CultureInfo.InvariantCulture)} days";
}
