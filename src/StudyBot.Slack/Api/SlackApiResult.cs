using System.Text.Json.Nodes;

namespace StudyBot.Slack.Api;

/// <summary>How a Web API call ended. Only <see cref="None"/> means Slack answered <c>"ok":true</c>.</summary>
public enum SlackApiFailure
{
    None,

    /// <summary>Slack answered <c>"ok":false</c>; <see cref="SlackApiResult.Error"/> holds its code (not_in_channel, invalid_auth…).</summary>
    ApiError,

    /// <summary>Still HTTP 429 after the waits the client is willing to make.</summary>
    RateLimited,

    /// <summary>An HTTP status other than 200, 429 or 5xx (e.g. 404 from an expired response_url).</summary>
    HttpError,

    /// <summary>HTTP 5xx after the retries.</summary>
    ServerError,

    /// <summary>No answer: refused, reset, or a name that does not resolve, after the retries.</summary>
    Network,

    /// <summary>No answer within the per-call timeout.</summary>
    Timeout,

    /// <summary>HTTP 200 without a JSON object carrying <c>ok</c>, or without a field the method promises.</summary>
    InvalidResponse,
}

/// <summary>
/// One Web API call's outcome as a value; <c>"ok":false</c> is never thrown. <see cref="Error"/> is Slack's error code
/// for <see cref="SlackApiFailure.ApiError"/>, and a code of the client's own for the other failures
/// (<c>ratelimited</c>, <c>http_404</c>, <c>server_error</c>, <c>network_error</c>, <c>timeout</c>, <c>invalid_response</c>).
/// </summary>
public sealed record SlackApiResult(string Method, SlackApiFailure Failure, string? Error, int StatusCode, JsonObject? Json)
{
    public bool Ok => Failure == SlackApiFailure.None;

    /// <summary>Comma-separated warning codes Slack may add to a successful answer.</summary>
    public string? Warning => Json?["warning"] is JsonValue v && v.TryGetValue(out string? w) ? w : null;

    /// <summary><c>response_metadata.messages</c>: why Slack rejected blocks, e.g. "[ERROR] must be less than 3001 characters […]".</summary>
    public IReadOnlyList<string> Messages =>
        Json?["response_metadata"]?["messages"] is JsonArray messages
            ? [.. messages.Select(m => m is JsonValue value && value.TryGetValue(out string? text) ? text : null).OfType<string>()]
            : [];

    /// <summary>The token is refused for good (invalid_auth, token_revoked…): retrying or carrying on cannot help.</summary>
    public bool IsFatal => Failure == SlackApiFailure.ApiError && SlackErrors.IsFatal(Error);

    internal static SlackApiResult Success(string method, int status, JsonObject json) => new(method, SlackApiFailure.None, null, status, json);
}

/// <summary>A call and the typed value read from its answer; <see cref="Value"/> is set exactly when <see cref="Ok"/>.</summary>
public sealed record SlackResult<T>(SlackApiResult Call, T? Value)
    where T : class
{
    public bool Ok => Call.Ok && Value is not null;

    public string? Error => Call.Error;

    public SlackApiFailure Failure => Call.Failure;
}
