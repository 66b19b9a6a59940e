using StudyBot.Core.Content;
using StudyBot.Core.Learning;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Per guide category: questions answered and rated, rated Got it last time, and due for review; the weakest categories.</summary>
public sealed class ProgressCommand(LearningService learning, GuideContent content) : ICommandHandler
{
    private const int WeakestShown = 2;

    public CommandDefinition Definition { get; } = new(
        "progress",
        "Your learning progress per question category: answered, got it, due for review",
        [],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = await learning.GetStatusAsync(request.Member, cancellationToken);
        var due = status.Due.Select(s => s.QuestionId).ToHashSet();
        var rows = QuestionCategories.All.Select(category =>
        {
            var rated = status.Rated.Where(s => learning.FindQuestion(s.QuestionId)?.Category == category).ToList();
            return new CategoryProgress(
                category,
                content.Questions.Count(q => q.Category == category),
                rated.Count,
                rated.Count(s => s.LastRating == SelfRating.Got),
                rated.Count(s => due.Contains(s.QuestionId)));
        }).ToList();

        var fields = rows.Select(row => new ReplyField(
            QuestionCategories.DisplayName(row.Category),
            $"Answered {row.Answered}/{row.Total} · Got it {row.Got} · Due {row.Due}",
            Inline: true)).ToList();
        fields.Add(new ReplyField("Weakest", Weakest(rows)));
        return Reply.Personal(
            "Your progress",
            "Answered counts the questions whose answer you rated; Got it, those you rated Got it last time; Due, those /review has for you today.",
            [.. fields]);
    }

    /// <summary>The categories with the largest share of rated questions not yet got (then the most of them), up to two.</summary>
    private static string Weakest(List<CategoryProgress> rows)
    {
        var weak = rows.Where(r => r.Answered > r.Got)
            .OrderByDescending(r => (double)(r.Answered - r.Got) / r.Answered)
            .ThenByDescending(r => r.Answered - r.Got)
            .Take(WeakestShown)
            .Select(r => $"{QuestionCategories.DisplayName(r.Category)} ({r.Answered - r.Got} of {r.Answered} not yet got)")
            .ToList();
        if (weak.Count > 0)
        {
            return string.Join('\n', weak);
        }

        var untouched = rows.Where(r => r.Answered == 0).Select(r => QuestionCategories.DisplayName(r.Category)).ToList();
        return rows.All(r => r.Answered == 0)
            ? "Nothing rated yet: answer a question and rate your answer against its key points."
            : untouched.Count > 0
                ? $"Everything you rated, you got. Not started yet: {string.Join(", ", untouched)}."
                : "Everything you rated, you got.";
    }

    private sealed record CategoryProgress(QuestionCategory Category, int Total, int Answered, int Got, int Due);
}
