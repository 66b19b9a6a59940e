using StudyBot.Core.Content;
using StudyBot.Core.Learning;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>A practice question, by id or at random (optionally from one category).</summary>
public sealed class QuestionCommand(GuideContent content, Random random) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "question",
        "A practice interview question, by id or at random",
        [
            new CommandOption("category", "A question category", OptionKind.Choice, Choices:
                [.. QuestionCategories.All.Select(c => new OptionChoice(QuestionCategories.Key(c), QuestionCategories.DisplayName(c)))]),
            new CommandOption("id", "A question id", OptionKind.WholeNumber, MinValue: content.Questions.Min(q => q.Id), MaxValue: content.Questions.Max(q => q.Id)),
        ]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        InterviewQuestion? question;
        if (request.Number("id") is { } id)
        {
            question = content.FindQuestion(id);
            if (question is null)
            {
                return Task.FromResult(Reply.Problem($"There is no question {id}."));
            }
        }
        else
        {
            var pool = content.Questions;
            if (request.Text("category") is { } key && QuestionCategories.TryParse(key, out var category))
            {
                pool = [.. pool.Where(q => q.Category == category)];
            }

            question = pool[random.Next(pool.Count)];
        }

        // The key points stay hidden until the member asks: thinking first is the practice.
        return Task.FromResult(Reply.Info(
                $"Q#{question.Id} · {QuestionCategories.DisplayName(question.Category)}",
                question.Text,
                new ReplyField("Practice", "Think it through or discuss it, then compare with the key points. The daily question (/daily) is the one that counts for your streak."))
            .WithButtons(KeyPointsCard.ShowButton(question.Id)));
    }
}
