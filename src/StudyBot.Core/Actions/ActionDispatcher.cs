using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Actions;

/// <summary>Routes a button press or a form submission to the feature whose prefix it carries.</summary>
public sealed class ActionDispatcher(IEnumerable<IActionHandler> handlers)
{
    private readonly IActionHandler[] _handlers = [.. handlers];

    /// <summary>"That button is no longer active.": for an action id or form id that belongs to no feature.</summary>
    public static Reply Inactive() => Reply.Problem("That button is no longer active.");

    public Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);

        // An id bound to a server (a button in a DM) is the feature's own id once the server is the member's.
        var id = ActionScope.InnerFor(member.ServerId, actionId);
        var handler = id is null ? null : Array.Find(_handlers, h => h.HandlesAction(id));
        return handler is null
            ? Task.FromResult(ActionOutcome.Show(Inactive()))
            : handler.PressAsync(member, id!, cancellationToken);
    }

    /// <summary>Whether a form id belongs to any feature (a platform may send submissions of views that are not ours).</summary>
    public bool Handles(string formId)
    {
        ActionScope.TryUnbind(formId, out _, out var id);
        return Array.Exists(_handlers, h => h.HandlesForm(id));
    }

    public Task<Reply> SubmitFormAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var id = ActionScope.InnerFor(member.ServerId, formId);
        var handler = id is null ? null : Array.Find(_handlers, h => h.HandlesForm(id));
        return handler is null
            ? Task.FromResult(Reply.Problem("That form is no longer active. Use the Answer button on today's question, or /answer."))
            : handler.SubmitAsync(member, id!, text ?? "", cancellationToken);
    }
}
