using StudyBot.Core.Content;
using StudyBot.Core.Learning;
using StudyBot.Core.Questions;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>A practice question, by id or at random (optionally from one category): the guide's or the server's own.</summary>
public sealed class QuestionCommand(QuestionCatalog catalog, Random random) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "question",
        "A practice interview question, by id or at random",
        [
            new CommandOption("category", "A question category", OptionKind.Choice, Choices:
                [.. QuestionCategories.All.Select(c => new OptionChoice(QuestionCategories.Key(c), QuestionCategories.DisplayName(c)))]),
            new CommandOption("id", "A question id (the guide's, or the server's own from 1001)", OptionKind.WholeNumber, MinValue: 1),
        ]);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        InterviewQuestion? question;
        if (request.Number("id") is { } id)
        {
            question = await catalog.FindAsync(request.Member.ServerId, id, cancellationToken);
            if (question is null)
            {
                return Reply.Problem(QuestionCatalog.IsOwnId(id)
                    ? $"This server has no question {id}. Admins list theirs with /questions action:list."
                    : $"There is no question {id}. The guide's questions are 1–{catalog.Guide.Questions.Max(q => q.Id)}; a server's own start at {OwnQuestion.FirstId}.");
            }
        }
        else
        {
            var pool = await catalog.PracticePoolAsync(request.Member.ServerId, cancellationToken);
            if (request.Text("category") is { } key && QuestionCategories.TryParse(key, out var category))
            {
                pool = [.. pool.Where(q => q.Category == category)];
            }

            question = pool[random.Next(pool.Count)];
        }

        // The key points stay hidden until the member asks: thinking first is the practice.
        var origin = QuestionCatalog.IsOwnId(question.Id) ? " · this server's" : "";
        return Reply.Info(
                $"Q#{question.Id} · {QuestionCategories.DisplayName(question.Category)}{origin}",
                question.Text,
                new ReplyField("Practice", "Think it through or discuss it, then compare with the key points. The daily question (/daily) is the one that counts for your streak."))
            .WithButtons(KeyPointsCard.ShowButton(question.Id));
    }
}
