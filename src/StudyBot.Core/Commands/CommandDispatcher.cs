using Microsoft.Extensions.Logging;

namespace StudyBot.Core.Commands;

/// <summary>
/// Validates a command against its definition and runs its handler. Every way it can go wrong ends in a short
/// reply that says what is valid; exceptions go to the log, never to the member.
/// </summary>
public sealed partial class CommandDispatcher
{
    private readonly Dictionary<string, ICommandHandler> handlers;
    private readonly ILogger<CommandDispatcher> logger;

    public CommandDispatcher(IEnumerable<ICommandHandler> handlers, ILogger<CommandDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        this.handlers = handlers.ToDictionary(h => h.Definition.Name, StringComparer.OrdinalIgnoreCase);
        this.logger = logger;
    }

    public IReadOnlyList<CommandDefinition> Definitions => [.. handlers.Values.Select(h => h.Definition)];

    /// <summary>The definition of the command called <paramref name="name"/> (with or without its slash), if there is one.</summary>
    public CommandDefinition? Find(string name) =>
        handlers.TryGetValue(name.Trim().TrimStart('/'), out var handler) ? handler.Definition : null;

    public async Task<Reply> DispatchAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var name = invocation.Name.Trim().TrimStart('/');
        if (!handlers.TryGetValue(name, out var handler))
        {
            var known = string.Join(", ", handlers.Keys.Order().Select(k => "/" + k));
            return Reply.Problem($"There is no /{Shorten(name)} command. Commands: {known}. Try /help.");
        }

        var definition = handler.Definition;
        if (definition.AdminOnly && !invocation.Member.IsAdmin)
        {
            return Reply.Problem($"/{definition.Name} is for the server's admins.");
        }

        if (!TryBind(definition, invocation.Options, invocation.References ?? PlainReferenceSyntax.Instance, out var values, out var problem))
        {
            return Reply.Problem(problem);
        }

        try
        {
            return await handler.HandleAsync(new CommandRequest(invocation.Member, values), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, definition.Name, invocation.Member.ServerId);
            return Reply.Problem("Something went wrong on our side and nothing was changed. Please try again in a moment.");
        }
    }

    private static bool TryBind(CommandDefinition definition, IReadOnlyDictionary<string, string> raw, IReferenceSyntax references, out Dictionary<string, object> values, out string problem)
    {
        values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        problem = "";
        foreach (var (key, text) in raw)
        {
            var option = definition.Options.FirstOrDefault(o => string.Equals(o.Name, key, StringComparison.OrdinalIgnoreCase));
            if (option is null)
            {
                problem = definition.Options.Count == 0
                    ? $"/{definition.Name} takes no options."
                    : $"/{definition.Name} has no option '{Shorten(key)}'. Its options: {string.Join(", ", definition.Options.Select(o => o.Name))}.";
                return false;
            }

            if (!OptionParser.TryParse(option, text, references, out var value, out problem))
            {
                return false;
            }

            values[option.Name] = value;
        }

        var bound = values;
        var missing = definition.Options.FirstOrDefault(o => o.Required && !bound.ContainsKey(o.Name));
        if (missing is not null)
        {
            problem = $"/{definition.Name} needs {missing.Name} ({missing.Description}). Usage: {definition.Usage}";
            return false;
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "The /{Command} handler failed on server {ServerId}")]
    private partial void LogHandlerFailed(Exception exception, string command, string serverId);
}
