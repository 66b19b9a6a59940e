using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Events;

/// <summary>Routes each gateway dispatch to the handler for its event type, in a DI scope of its own.</summary>
public sealed partial class DiscordEventRouter(IServiceScopeFactory scopes, ILogger<DiscordEventRouter> logger) : IGatewayDispatchHandler
{
    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IDiscordDispatchHandler>().FirstOrDefault(h => h.EventType == dispatch.Type);
        if (handler is null)
        {
            return;
        }

        try
        {
            await handler.HandleAsync(dispatch.Data, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, dispatch.Type, dispatch.Sequence);
        }
    }

    [LoggerMessage(EventId = 6600, Level = LogLevel.Error, Message = "Handling {EventType} (sequence {Sequence}) failed")]
    private partial void LogHandlerFailed(Exception exception, string eventType, long sequence);
}
