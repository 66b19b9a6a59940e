using StudyBot.Core.Streaks;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>A member hides themselves from (or shows themselves on) the boards and /streak member:.</summary>
public sealed class PrivacyCommand(StreakService streaks) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "privacy",
        "Hide yourself from the leaderboards, or show yourself again",
        [new CommandOption("leaderboard", "hide or show", OptionKind.Choice, Required: true, Choices:
        [
            new OptionChoice("hide", "Never appear on boards or in /streak member:"),
            new OptionChoice("show", "Appear again"),
        ])],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hide = request.Text("leaderboard") == "hide";
        await streaks.SetHiddenAsync(request.Member.ServerId, request.Member.MemberId, hide, cancellationToken);
        return hide
            ? Reply.Success("Hidden", "You no longer appear on the leaderboards, and others cannot look up your streak. Your streak still counts; /streak shows it to you.")
            : Reply.Success("Shown", "You appear on the leaderboards again, and others can look up your streak.");
    }
}
