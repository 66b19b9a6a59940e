using StudyBot.Core.Content;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Commands.Handlers;

public sealed class StartCommand(GuideContent content, IServerStore servers) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("start", "What this server is for and how to take part", [], Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = await servers.GetAsync(request.Member.ServerId, cancellationToken);
        return Onboarding.Build(content, settings);
    }
}
