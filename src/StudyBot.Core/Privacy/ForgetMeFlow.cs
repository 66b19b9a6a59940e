using StudyBot.Core.Actions;
using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Privacy;

/// <summary>The /forget-me confirmation button: "forget:&lt;member&gt;" deletes that member's data in the presser's server.</summary>
public sealed class ForgetMeFlow(MemberData data) : IActionHandler
{
    public const string ActionPrefix = "forget:";

    public bool HandlesAction(string actionId) => actionId?.StartsWith(ActionPrefix, StringComparison.Ordinal) == true;

    public async Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(actionId);
        var target = actionId[ActionPrefix.Length..];
        if (target.Length == 0)
        {
            return ActionOutcome.Show(Reply.Problem("That button is no longer active. Run /forget-me again."));
        }

        // The button is checked again on press: a member forwarded an admin's button must not forget someone else.
        if (target != member.MemberId && !member.IsAdmin)
        {
            return ActionOutcome.Show(Reply.Problem("Only admins can forget another member."));
        }

        var removed = await data.DeleteAsync(member.ServerId, target, cancellationToken);
        var whom = target == member.MemberId ? "you" : $"member {target}";
        return ActionOutcome.Show(Reply.Success("Forgotten", $"Deleted everything about {whom} in this server ({removed} records)."));
    }

    public bool HandlesForm(string formId) => false;

    public Task<Reply> SubmitAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken) =>
        Task.FromResult(Reply.Problem("That form is no longer active."));
}
