using System.Text.Json;

namespace StudyBot.Discord.Events;

/// <summary>Handles one kind of gateway event (READY, INTERACTION_CREATE, …); resolved in its own DI scope per event.</summary>
public interface IDiscordDispatchHandler
{
    string EventType { get; }

    Task HandleAsync(JsonElement data, CancellationToken cancellationToken);
}
