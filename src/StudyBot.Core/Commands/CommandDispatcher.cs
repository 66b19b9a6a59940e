using Microsoft.Extensions.Logging;

using StudyBot.Core.Notices;
namespace StudyBot.Core.Commands;

/// <summary>
/// Validates a command against its definition and runs its handler. Every way it can go wrong ends in a short
/// reply that says what is valid; exceptions go to the log, never to the member.
/// </summary>
public sealed partial class CommandDispatcher
{
    private readonly Dictionary<string, ICommandHandler> handlers;
    private readonly ILogger<CommandDispatcher> logger;
    private readonly MemberNotices? notices;

    public CommandDispatcher(IEnumerable<ICommandHandler> handlers, ILogger<CommandDispatcher> logger)
        : this(handlers, logger, null)
    {
    }

    /// <param name="notices">When given, a member's waiting notices come with their next private reply.</param>
    public CommandDispatcher(IEnumerable<ICommandHandler> handlers, ILogger<CommandDispatcher> logger, MemberNotices? notices)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        this.handlers = handlers.ToDictionary(h => h.Definition.Name, StringComparer.OrdinalIgnoreCase);
        this.logger = logger;
        this.notices = notices;
    }

    public IReadOnlyList<CommandDefinition> Definitions => [.. handlers.Values.Select(h => h.Definition)];

    /// <summary>The definition of the command called <paramref name="name"/> (with or without its slash), if there is one.</summary>
    public CommandDefinition? Find(string name) =>
        handlers.TryGetValue(name.Trim().TrimStart('/'), out var handler) ? handler.Definition : null;

    /// <summary>
    /// Runs a command. Whatever goes wrong, the member gets a reply: a refusal that says what is valid, or, when
    /// something failed on our side, a short apology while the log gets the detail. Only the caller's own
    /// cancellation is thrown.
    /// </summary>
    public async Task<Reply> DispatchAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var name = invocation.Name.Trim().TrimStart('/');
        try
        {
            if (!handlers.TryGetValue(name, out var handler))
            {
                return Reply.Problem(UnknownCommand(name));
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

            var reply = await handler.HandleAsync(new CommandRequest(invocation.Member, values), cancellationToken);
            return notices is null ? reply : await notices.AddToAsync(invocation.Member, reply, cancellationToken);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A timeout inside a handler is an OperationCanceledException too; only our caller's cancellation is not a failure.
            var command = TextFormat.Echo(name);
            LogCommandFailed(ex, command, invocation.Member.ServerId);
            return Reply.Failure();
        }
    }

    private string UnknownCommand(string name)
    {
        var known = string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal).Select(k => "/" + k));
        if (name.Length == 0)
        {
            return $"Type a command after the slash, e.g. /roadmap. Commands: {known}. Try /help.";
        }

        var closest = ClosestNames.Find(name, handlers.Keys);
        var didYouMean = closest.Count > 0 ? $" Did you mean {ClosestNames.Join([.. closest.Select(c => "/" + c)])}?" : "";
        return $"There is no /{TextFormat.Echo(name, 32)} command.{didYouMean} Commands: {known}. Try /help.";
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
                problem = UnknownOption(definition, key);
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

    private static string UnknownOption(CommandDefinition definition, string key)
    {
        if (definition.Options.Count == 0)
        {
            return $"/{definition.Name} takes no options.";
        }

        var names = definition.Options.Select(o => o.Name).ToList();
        var closest = ClosestNames.Find(key, names);
        var didYouMean = closest.Count > 0 ? $" Did you mean {ClosestNames.Join(closest)}?" : "";
        return $"/{definition.Name} has no option '{TextFormat.Echo(key, 32)}'.{didYouMean} Its options: {string.Join(", ", names)}.";
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "The /{Command} command failed on server {ServerId}")]
    private partial void LogCommandFailed(Exception exception, string command, string serverId);
}
