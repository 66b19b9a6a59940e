using StudyBot.Core.Questions;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>A member suggests a question for the server; admins approve or reject it (/questions action:suggestions).</summary>
public sealed class SuggestCommand(OwnQuestionService questions) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "suggest",
        "Suggest an interview question for this server",
        [new CommandOption("text", "The question", OptionKind.Text, Required: true, MinLength: OwnQuestionRules.MinTextLength, MaxLength: OwnQuestionRules.MaxTextLength)],
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (suggestion, problem) = await questions.SuggestAsync(request.Member, request.Text("text")!, cancellationToken);
        return suggestion is null
            ? Reply.Problem(problem!)
            : Reply.Success("Suggestion sent", $"Thanks! Suggestion S{suggestion.Id} waits for the admins; you will hear back with your next private reply from the bot.");
    }
}
