using System.Globalization;
using StudyBot.Core.Actions;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Answers;

/// <summary>
/// The answer flow every platform follows: the daily post's Answer action opens a form with a minimum length, its
/// submission credits the streak and is confirmed privately; a reply in the question's thread may count too. Adapters
/// only carry the platform's payloads in and out.
/// </summary>
public sealed class AnswerFlow(AnswerService answers, StreakService streaks) : IActionHandler
{
    public const string FormPrefix = "answer-form:";

    /// <summary>The shortest answer that counts, for answers that come without a form (a reply in the question's thread).</summary>
    public int MinAnswerLength => streaks.MinAnswerLength;

    /// <summary>The form for an action id from a daily post's Answer button ("answer:42"), or null for an action that is no answer.</summary>
    public AnswerForm? OpenForm(string actionId)
    {
        if (QuestionOf(actionId, DailyPostReply.AnswerActionPrefix) is not { } questionId)
        {
            return null;
        }

        return new AnswerForm(
            FormPrefix + questionId.ToString(CultureInfo.InvariantCulture),
            questionId,
            $"Answer Q#{questionId}",
            "Your answer",
            "Think it through: approach, trade-offs, how you would test it.",
            streaks.MinAnswerLength,
            streaks.MaxAnswerLength);
    }

    /// <summary>Counts a submitted form (the same length rules as /answer); the reply is private to the member.</summary>
    public Task<Reply> SubmitFormAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (QuestionOf(formId, FormPrefix) is not { } questionId)
        {
            return Task.FromResult(Reply.Problem("That form is no longer active. Use the Answer button on today's question, or /answer."));
        }

        return answers.SubmitAsync(member, questionId, text, AnswerSource.AnswerButton, cancellationToken);
    }

    /// <summary>
    /// A reply in the thread of a daily post counts as an answer to its question; the platform confirms it its own way
    /// (a reaction), so only the credit's outcome is returned.
    /// </summary>
    public Task<CreditResult> CreditThreadReplyAsync(MemberContext member, int? questionId, CancellationToken cancellationToken) =>
        streaks.CreditAnswerAsync(member, questionId, AnswerSource.ThreadReply, cancellationToken);

    public bool HandlesAction(string actionId) => QuestionOf(actionId, DailyPostReply.AnswerActionPrefix) is not null;

    public Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken) =>
        Task.FromResult(OpenForm(actionId) is { } form ? ActionOutcome.Open(form) : ActionOutcome.Show(ActionDispatcher.Inactive()));

    public bool HandlesForm(string formId) => formId?.StartsWith(FormPrefix, StringComparison.Ordinal) == true;

    public Task<Reply> SubmitAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken) =>
        SubmitFormAsync(member, formId, text, cancellationToken);

    private static int? QuestionOf(string? id, string prefix) =>
        id is not null
            && id.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var questionId)
            && questionId > 0
            ? questionId
            : null;
}
