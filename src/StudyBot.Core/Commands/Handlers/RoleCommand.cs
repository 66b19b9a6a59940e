using StudyBot.Core.Content;

namespace StudyBot.Core.Commands.Handlers;

public sealed class RoleCommand(GuideContent content) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "role",
        "What an ML engineer is and does",
        [new CommandOption("view", "What to show", OptionKind.Choice, Choices:
        [
            new OptionChoice("overview", "What an ML engineer is", "what"),
            new OptionChoice("responsibilities", "Key responsibilities", "duties"),
            new OptionChoice("comparison", "ML engineer vs data scientist", "vs", "compare"),
        ])]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var role = content.Role;
        var reply = request.Text("view") switch
        {
            "responsibilities" => Reply.Info("Key responsibilities of an ML engineer", TextFormat.Bullets(role.Responsibilities)),
            "comparison" => Reply.Info(
                "ML engineer vs data scientist",
                "",
                [.. role.Comparison.Select(r => new ReplyField(r.Aspect, $"Data scientist: {r.DataScientist}\nML engineer: {r.MlEngineer}"))]),
            _ => Reply.Info(
                "What is an ML engineer?",
                role.Summary,
                new ReplyField("More", "/role view:responsibilities · /role view:comparison")),
        };
        return Task.FromResult(reply);
    }
}
