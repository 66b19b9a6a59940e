using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>An IDiscordRest that records calls and answers each with a configurable response.</summary>
internal sealed class RecordingRest : IDiscordRest
{
    public ConcurrentQueue<(HttpMethod Method, string Path, JsonNode? Body)> Calls { get; } = new();

    public Func<HttpMethod, string, RestResponse> Respond { get; set; } = (_, _) => new RestResponse(200, new JsonObject { ["id"] = "1" }, RestFailure.None);

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        Calls.Enqueue((method, path, body?.DeepClone()));
        return Task.FromResult(Respond(method, path));
    }
}
