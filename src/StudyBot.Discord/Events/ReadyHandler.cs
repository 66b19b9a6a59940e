using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Events;

/// <summary>READY: remember the application id and register the commands if they changed.</summary>
public sealed class ReadyHandler(DiscordSession session, CommandRegistrar registrar) : IDiscordDispatchHandler
{
    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (dispatch.Data.TryGetProperty("application", out var application) && DiscordInteraction.Snowflake(application, "id") is { } applicationId)
        {
            session.ApplicationId = applicationId;
            await registrar.RegisterIfChangedAsync(applicationId, cancellationToken);
        }
    }
}
