using System.Text.Json;

namespace StudyBot.Discord.Gateway;

/// <summary>A gateway event (op 0): its name (READY, INTERACTION_CREATE, …), its data, its sequence number and when it arrived.</summary>
public sealed record GatewayDispatch(string Type, JsonElement Data, long Sequence, DateTimeOffset ReceivedAt);

/// <summary>Receives every dispatch, READY and RESUMED included, off the gateway's receive loop.</summary>
public interface IGatewayDispatchHandler
{
    Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
