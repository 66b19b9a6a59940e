using StudyBot.Core.Content;
using StudyBot.Core.Learning;
using StudyBot.Core.Questions;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>The member's next question due for review, privately, with an Answer button; never counts for the streak.</summary>
public sealed class ReviewCommand(LearningService learning) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "review",
        "Your next question due for review (spaced repetition of what you rated)",
        [],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = await learning.GetStatusAsync(request.Member, cancellationToken);
        if (status.Due.Count == 0)
        {
            return Reply.Personal("Review", status.Next is { } next
                ? $"Nothing is due today. Next: Q#{next.QuestionId} on {DailyTime.FormatDate(next.Due)} ({LearningService.When(next.Due, status.Today)})."
                : "Nothing to review yet. Answer a question (/answer, or the Answer button on the daily question), then rate your "
                    + "answer against its key points: the question comes back here when it is due.");
        }

        var first = status.Due[0];
        var question = status.Questions[first.QuestionId];
        var count = status.Due.Count == 1 ? "1 question is due" : $"{status.Due.Count} questions are due";
        var after = status.Next is { } later
            ? $" After these, the next is due {DailyTime.FormatDate(later.Due)} ({LearningService.When(later.Due, status.Today)})."
            : "";
        return Reply.Personal(
                $"Review · Q#{question.Id} · {QuestionCategories.DisplayName(question.Category)}{(QuestionCatalog.IsOwnId(question.Id) ? " · this server's" : "")}",
                question.Text,
                new ReplyField("Due", $"{count} ({status.TimeZoneId} today, {DailyTime.FormatDate(status.Today)}).{after}"),
                new ReplyField(
                    "Last time",
                    $"{SelfRatings.Label(first.LastRating)} on {DailyTime.FormatDate(first.LastRated)}. Reviews never count for your streak."))
            .WithButtons(LearningActions.ReviewAnswerButton(question.Id), KeyPointsCard.ShowButton(question.Id));
    }
}
