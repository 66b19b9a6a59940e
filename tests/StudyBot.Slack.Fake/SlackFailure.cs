using System.Text.Json.Nodes;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>A one-off answer scripted with <see cref="FakeSlack.FailNext"/>, replacing the next call of a method.</summary>
public abstract record SlackFailure
{
    private SlackFailure()
    {
    }

    /// <summary>HTTP 429, Retry-After in whole seconds (rounded up), body {"ok":false,"error":"ratelimited"} (RLDOC).</summary>
    public static SlackFailure RateLimited(TimeSpan retryAfter) => new RateLimitedFailure(retryAfter);

    /// <summary>An HTTP error status (500, 502, 503 …) with a non-JSON body, as a proxy in front of Slack answers.</summary>
    public static SlackFailure HttpStatus(int status) => new HttpStatusFailure(status);

    /// <summary>HTTP 200 with {"ok":false,"error":<paramref name="error"/>}, e.g. "internal_error", "account_inactive".</summary>
    public static SlackFailure Error(string error) => new ErrorFailure(error, null);

    /// <summary>missing_scope with `needed` and `provided`, as Slack adds them (§4.2).</summary>
    public static SlackFailure MissingScope(string needed, string provided) =>
        new ErrorFailure("missing_scope", new JsonObject { ["needed"] = needed, ["provided"] = provided });

    /// <summary>Holds the call for <paramref name="delay"/> on the fake's clock, then answers it normally.</summary>
    public static SlackFailure Delay(TimeSpan delay) => new DelayFailure(delay);

    internal sealed record RateLimitedFailure(TimeSpan RetryAfter) : SlackFailure;

    internal sealed record HttpStatusFailure(int Status) : SlackFailure;

    internal sealed record ErrorFailure(string Code, JsonObject? Extra) : SlackFailure;

    internal sealed record DelayFailure(TimeSpan Duration) : SlackFailure;
}
