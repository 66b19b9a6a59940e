using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Actions;

/// <summary>
/// One feature's buttons and forms. A button's action id and a form's id start with the feature's own prefix
/// ("answer:", "rate:"), so the dispatcher knows whose they are; adapters only carry presses and submissions in.
/// </summary>
public interface IActionHandler
{
    /// <summary>Whether <paramref name="actionId"/> is one of this feature's buttons.</summary>
    bool HandlesAction(string actionId);

    /// <summary>A press of one of this feature's buttons: a private reply, or a form to open (at once: platforms give 3 s).</summary>
    Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="formId"/> is one of this feature's forms.</summary>
    bool HandlesForm(string formId);

    /// <summary>A submitted form; the reply is private to the member.</summary>
    Task<Reply> SubmitAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken);
}

/// <summary>What a button press leads to: a reply, or a form for the member to fill in.</summary>
public sealed record ActionOutcome(Reply? Reply, AnswerForm? Form)
{
    public static ActionOutcome Show(Reply reply) => new(reply, null);

    public static ActionOutcome Open(AnswerForm form) => new(null, form);
}
