using StudyBot.Core.Privacy;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>
/// Deletes everything about the member in this server after a confirmation button (<see cref="ForgetMeFlow"/>);
/// an admin may do it for another member (one who left), with <c>member:</c>.
/// </summary>
public sealed class ForgetMeCommand : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "forget-me",
        "Delete everything StudyBot stores about you in this server (asks first)",
        [new CommandOption("member", "Admins: forget this member instead (e.g. one who left)", OptionKind.Member)],
        Visibility: ReplyVisibility.Private);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var member = request.Member;
        var target = request.Text("member") ?? member.MemberId;
        if (target != member.MemberId && !member.IsAdmin)
        {
            return Task.FromResult(Reply.Problem("Only admins can forget another member. /forget-me alone forgets you."));
        }

        var whom = target == member.MemberId ? "you" : $"member {target}";
        return Task.FromResult(Reply.Personal(
            "Forget " + (target == member.MemberId ? "me" : whom) + "?",
            $"This deletes everything StudyBot stores about {whom} in this server: days, answers, freezes and settings. It cannot be undone. " +
            "/my-data first if you want a copy.")
            .WithButtons(new ReplyButton("Delete everything", ForgetMeFlow.ActionPrefix + target)));
    }
}
