using System.Text.Json;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Events;

/// <summary>READY: remember the application id and register the commands if they changed.</summary>
public sealed class ReadyHandler(DiscordSession session, CommandRegistrar registrar) : IDiscordDispatchHandler
{
    public string EventType => "READY";

    public async Task HandleAsync(JsonElement data, CancellationToken cancellationToken)
    {
        if (data.TryGetProperty("application", out var application) && DiscordInteraction.Snowflake(application, "id") is { } applicationId)
        {
            session.ApplicationId = applicationId;
            await registrar.RegisterIfChangedAsync(applicationId, cancellationToken);
        }
    }
}
