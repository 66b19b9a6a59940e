using System.Globalization;
using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Learning;

/// <summary>
/// The learning loop's buttons and form: "rate:12:got" stores a self-rating, "keypoints:12" shows a question's key
/// points, "review:12" opens the review form ("review-form:12"), whose answer is shown the key points and never counts
/// for the streak.
/// </summary>
public sealed class LearningActions(LearningService learning, StreakService streaks) : IActionHandler
{
    public const string ReviewPrefix = "review:";
    public const string ReviewFormPrefix = "review-form:";

    public static ReplyButton ReviewAnswerButton(int questionId) =>
        new("Answer", ReviewPrefix + questionId.ToString(CultureInfo.InvariantCulture));

    public bool HandlesAction(string actionId) =>
        actionId is not null
        && (actionId.StartsWith(KeyPointsCard.RatePrefix, StringComparison.Ordinal)
            || actionId.StartsWith(KeyPointsCard.ShowPrefix, StringComparison.Ordinal)
            || actionId.StartsWith(ReviewPrefix, StringComparison.Ordinal));

    public async Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (After(actionId, KeyPointsCard.RatePrefix) is { } rate)
        {
            var colon = rate.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && QuestionId(rate[..colon]) is { } rated && SelfRatings.TryParse(rate.AsSpan(colon + 1), out var rating)
                ? ActionOutcome.Show(await learning.RateAsync(member, rated, rating, cancellationToken))
                : ActionOutcome.Show(ActionDispatcher.Inactive());
        }

        if (After(actionId, KeyPointsCard.ShowPrefix) is { } show && QuestionId(show) is { } shown)
        {
            return ActionOutcome.Show(await ShowKeyPointsAsync(member, shown, cancellationToken));
        }

        if (After(actionId, ReviewPrefix) is { } review && QuestionId(review) is { } reviewed
            && await learning.FindAsync(member.ServerId, reviewed, cancellationToken) is not null)
        {
            return ActionOutcome.Open(new AnswerForm(
                ReviewFormPrefix + reviewed.ToString(CultureInfo.InvariantCulture),
                reviewed,
                $"Review Q#{reviewed}",
                "Your answer",
                "Answer as you would in an interview; then compare with the key points.",
                streaks.MinAnswerLength,
                streaks.MaxAnswerLength));
        }

        return ActionOutcome.Show(ActionDispatcher.Inactive());
    }

    public bool HandlesForm(string formId) => formId?.StartsWith(ReviewFormPrefix, StringComparison.Ordinal) == true;

    public async Task<Reply> SubmitAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (QuestionId(After(formId, ReviewFormPrefix)) is not { } questionId
            || await learning.FindAsync(member.ServerId, questionId, cancellationToken) is not { } found)
        {
            return Reply.Problem("That review is no longer active. Use /review for the next one.");
        }

        var length = (text ?? "").Trim().Length;
        if (length < streaks.MinAnswerLength)
        {
            return Reply.Problem(
                $"A review answer needs at least {streaks.MinAnswerLength} characters (yours has {length}). Give it a real try!");
        }

        if (length > streaks.MaxAnswerLength)
        {
            return Reply.Problem($"An answer can be at most {streaks.MaxAnswerLength} characters (yours has {length}).");
        }

        var reply = Reply.Personal(
            $"Review · Q#{questionId}",
            $"{found.Question.Text}\nReviews are for you: they never count for your streak (the daily question does).");
        return KeyPointsCard.AddTo(reply, questionId, found.KeyPoints);
    }

    private async Task<Reply> ShowKeyPointsAsync(MemberContext member, int questionId, CancellationToken cancellationToken)
    {
        if (await learning.FindAsync(member.ServerId, questionId, cancellationToken) is not { } found)
        {
            return ActionDispatcher.Inactive();
        }

        return KeyPointsCard.AddTo(Reply.Personal($"Key points · Q#{questionId}", found.Question.Text), questionId, found.KeyPoints);
    }

    private static string? After(string? id, string prefix) =>
        id is not null && id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : null;

    private static int? QuestionId(string? text) =>
        text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
