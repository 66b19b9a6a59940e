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
        var handler = Array.Find(_handlers, h => h.HandlesAction(actionId ?? ""));
        return handler is null
            ? Task.FromResult(ActionOutcome.Show(Inactive()))
            : handler.PressAsync(member, actionId!, cancellationToken);
    }

    /// <summary>Whether a form id belongs to any feature (a platform may send submissions of views that are not ours).</summary>
    public bool Handles(string formId) => Array.Exists(_handlers, h => h.HandlesForm(formId ?? ""));

    public Task<Reply> SubmitFormAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var handler = Array.Find(_handlers, h => h.HandlesForm(formId ?? ""));
        return handler is null
            ? Task.FromResult(Reply.Problem("That form is no longer active. Use the Answer button on today's question, or /answer."))
            : handler.SubmitAsync(member, formId!, text ?? "", cancellationToken);
    }
}
