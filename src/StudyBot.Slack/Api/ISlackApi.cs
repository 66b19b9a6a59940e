using System.Text.Json.Nodes;

namespace StudyBot.Slack.Api;

/// <summary>
/// Slack's Web API: tokens, encodings, rate limits, timeouts and bounded retries are handled inside, and every
/// outcome comes back as a <see cref="SlackApiResult"/>; <c>"ok":false</c> is never thrown.
/// </summary>
public interface ISlackApi
{
    /// <summary>POSTs <paramref name="method"/> (e.g. "chat.postMessage") with <paramref name="arguments"/>, JSON or form-encoded as the method takes them.</summary>
    Task<SlackApiResult> CallAsync(string method, JsonObject? arguments, CancellationToken cancellationToken);

    /// <summary>POSTs a message to an interaction's <c>response_url</c> (no token; at most 5 uses in 30 minutes per URL).</summary>
    Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken);
}
