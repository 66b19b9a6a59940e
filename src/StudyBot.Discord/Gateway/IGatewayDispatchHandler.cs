using System.Text.Json;

namespace StudyBot.Discord.Gateway;

/// <summary>A gateway event (op 0): its name (READY, INTERACTION_CREATE, …), its data and its sequence number.</summary>
public sealed record GatewayDispatch(string Type, JsonElement Data, long Sequence);

/// <summary>Receives every dispatch, READY and RESUMED included, off the gateway's receive loop.</summary>
public interface IGatewayDispatchHandler
{
    Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
