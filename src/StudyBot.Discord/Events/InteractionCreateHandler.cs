using System.Text.Json;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Events;

/// <summary>INTERACTION_CREATE: a redelivered interaction is answered once; a malformed one is logged and skipped.</summary>
public sealed partial class InteractionCreateHandler(
    InteractionHandler interactions,
    RecentInteractions recent,
    ILogger<InteractionCreateHandler> logger) : IDiscordDispatchHandler
{
    public string EventType => "INTERACTION_CREATE";

    public async Task HandleAsync(JsonElement data, CancellationToken cancellationToken)
    {
        if (DiscordInteraction.TryParse(data) is not { } interaction)
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
