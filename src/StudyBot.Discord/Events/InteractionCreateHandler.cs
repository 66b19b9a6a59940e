using Microsoft.Extensions.Logging;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Events;

/// <summary>INTERACTION_CREATE: a redelivered interaction is answered once; a malformed one is logged and skipped.</summary>
public sealed partial class InteractionCreateHandler(
    InteractionHandler interactions,
    RecentInteractions recent,
    ILogger<InteractionCreateHandler> logger) : IDiscordDispatchHandler
{
    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (DiscordInteraction.TryParse(dispatch.Data, dispatch.ReceivedAt) is not { } interaction)
        {
            LogMalformed();
            return;
        }

        if (!recent.TryAdd(interaction.Id))
        {
            LogDuplicate(interaction.Id);
            return;
        }

        await interactions.HandleAsync(interaction, cancellationToken);
    }

    [LoggerMessage(EventId = 6300, Level = LogLevel.Warning, Message = "Skipped an INTERACTION_CREATE without the fields an interaction needs")]
    private partial void LogMalformed();

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Interaction {InteractionId} was delivered again; answered once")]
    private partial void LogDuplicate(string interactionId);
}
