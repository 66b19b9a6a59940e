using StudyBot.Core.Content;
using StudyBot.Core.Learning;
using StudyBot.Core.Questions;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>
/// Per category: questions answered and rated, rated Got it last time, and due for review; the weakest categories. A
/// server's own questions count under their own category, beside the guide's.
/// </summary>
public sealed class ProgressCommand(LearningService learning, QuestionCatalog catalog) : ICommandHandler
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
        var own = await catalog.OwnQuestionsAsync(request.Member.ServerId, cancellationToken);

        // Out of: the guide's questions and the server's active own ones, plus any retired one the member rated.
        var tallies = QuestionCategories.All.ToDictionary(c => c, _ => new Tally());
        foreach (var question in catalog.Guide.Questions)
        {
            tallies[question.Category].Total++;
        }

        foreach (var question in own.Where(q => !q.Retired))
        {
            tallies[question.Category].Total++;
        }

        var dueIds = status.Due.Select(s => s.QuestionId).ToHashSet();
        var retired = own.Where(q => q.Retired).Select(q => q.Id).ToHashSet();
        foreach (var schedule in status.Rated)
        {
            var tally = tallies[status.Questions[schedule.QuestionId].Category];
            tally.Answered++;
            tally.Got += schedule.LastRating == SelfRating.Got ? 1 : 0;
            tally.Due += dueIds.Contains(schedule.QuestionId) ? 1 : 0;
            tally.Total += retired.Contains(schedule.QuestionId) ? 1 : 0;
        }

        var rows = QuestionCategories.All.Select(c => new CategoryProgress(c, tallies[c].Total, tallies[c].Answered, tallies[c].Got, tallies[c].Due)).ToList();

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

    private sealed class Tally
    {
        public int Total { get; set; }

        public int Answered { get; set; }

        public int Got { get; set; }

        public int Due { get; set; }
    }

    private sealed record CategoryProgress(QuestionCategory Category, int Total, int Answered, int Got, int Due);
}
