using Microsoft.Extensions.DependencyInjection;

namespace StudyBot.Core.Commands.Handlers;

public sealed class HelpCommand(IServiceProvider services) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("help", "Every command and what it does", [], Visibility: ReplyVisibility.Private);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Resolved here, not injected: the list of handlers includes this one.
        var definitions = services.GetServices<ICommandHandler>().Select(h => h.Definition).ToList();
        var everyone = definitions.Where(d => !d.AdminOnly).Select(d => $"{d.Usage}: {d.Description}");
        var admins = definitions.Where(d => d.AdminOnly).Select(d => $"{d.Usage}: {d.Description}");
        return Task.FromResult(Reply.Personal(
            "StudyBot commands",
            "Options are written name:value, e.g. /roadmap phase:2 or /salary level:senior region:usa.",
            new ReplyField("For everyone", string.Join('\n', everyone)),
            new ReplyField("For admins", string.Join('\n', admins))));
    }
}
