using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Events;

/// <summary>
/// Routes each gateway dispatch to the handler for its event type, in a DI scope of its own. The gateway hands
/// dispatches over one at a time; interactions and messages are handled concurrently so that one slow command
/// never makes another interaction miss Discord's 3-second deadline. READY is handled in order.
/// </summary>
public sealed partial class DiscordEventRouter(IServiceScopeFactory scopes, ILogger<DiscordEventRouter> logger) : IGatewayDispatchHandler
{
    public Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (dispatch.Type == "READY")
        {
            return RunAsync(dispatch, cancellationToken);
        }

        _ = Task.Run(() => RunAsync(dispatch, cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task RunAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IDiscordDispatchHandler>().FirstOrDefault(h => h.EventType == dispatch.Type);
            if (handler is not null)
            {
                await handler.HandleAsync(dispatch.Data, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, dispatch.Type, dispatch.Sequence);
        }
    }

    [LoggerMessage(EventId = 6600, Level = LogLevel.Error, Message = "Handling {EventType} (sequence {Sequence}) failed")]
    private partial void LogHandlerFailed(Exception exception, string eventType, long sequence);
}
