using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Events;

/// <summary>
/// Handles one kind of gateway event (READY, INTERACTION_CREATE, …). Registered keyed by its event name (see
/// <see cref="DiscordEvents"/>) and resolved in a DI scope of its own per event.
/// </summary>
public interface IDiscordDispatchHandler
{
    Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
