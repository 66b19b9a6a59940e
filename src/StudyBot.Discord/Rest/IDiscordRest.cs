using System.Text.Json.Nodes;

namespace StudyBot.Discord.Rest;

/// <summary>How a REST call ended, as a value: callers decide what a 403 or a 404 means for them.</summary>
public enum RestFailure
{
    None,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,

    /// <summary>Still rate limited after the waits the client is willing to make.</summary>
    RateLimited,

    /// <summary>5xx after the retries.</summary>
    ServerError,

    /// <summary>No answer: connection refused, reset or timed out, after the retries.</summary>
    Network,
}

/// <summary>A file uploaded with a message, as part files[n] of a multipart/form-data request.</summary>
public sealed record RestFile(string FileName, string ContentType, byte[] Content);

public sealed record RestResponse(int StatusCode, JsonNode? Body, RestFailure Failure)
{
    public bool IsSuccess => Failure == RestFailure.None;
}

/// <summary>Discord's REST API: rate limits, retries and auth are handled inside; failures come back as values.</summary>
public interface IDiscordRest
{
    /// <param name="path">Relative to the API base URL, without a leading slash, e.g. "channels/123/messages".</param>
    Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync(HttpMethod, string, JsonNode?, CancellationToken)"/>, for a call that is useless
    /// after <paramref name="retryUntil"/> (an interaction callback: single-use, due within 3 s): a 5xx, a network
    /// failure or a 429 is retried only if the retry can start before then.
    /// </summary>
    Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, DateTimeOffset retryUntil, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync(HttpMethod, string, JsonNode?, DateTimeOffset, CancellationToken)"/>, as multipart/form-data
    /// (Discord's "Uploading Files"): <paramref name="payload"/> as the part payload_json, file n as the part files[n],
    /// which the payload's attachments[].id n refers to.
    /// </summary>
    Task<RestResponse> SendWithFilesAsync(HttpMethod method, string path, JsonNode payload, IReadOnlyList<RestFile> files, DateTimeOffset retryUntil, CancellationToken cancellationToken);
}
