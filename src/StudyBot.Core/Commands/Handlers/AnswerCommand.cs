using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Answers the server's latest daily question; the first answer of the member's day counts for the streak.</summary>
public sealed class AnswerCommand(AnswerService answers, StreakService streaks, DailyQuestionService daily, IServerStore servers) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "answer",
        "Answer today's daily question (counts for your streak)",
        [new CommandOption("text", "Your answer", OptionKind.Text, Required: true, MinLength: streaks.MinAnswerLength, MaxLength: streaks.MaxAnswerLength)],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = await daily.GetLatestPostedAsync(request.Member.ServerId, cancellationToken);
        if (latest is null)
        {
            var settings = await servers.GetAsync(request.Member.ServerId, cancellationToken);
            var next = await NextQuestion.DescribeAsync(daily, settings, request.Member.IsAdmin, cancellationToken);
            return Reply.Problem($"There is no daily question to answer yet. {next} Meanwhile, practise with /question.");
        }

        return await answers.SubmitAsync(request.Member, latest.Value.Question.Id, request.Text("text")!, AnswerSource.AnswerCommand, cancellationToken);
    }
}
