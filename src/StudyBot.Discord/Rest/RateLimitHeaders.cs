using System.Globalization;
using System.Net.Http.Headers;

namespace StudyBot.Discord.Rest;

/// <summary>The X-RateLimit-* headers of one response (Discord's rate-limits topic), parsed with InvariantCulture.</summary>
internal sealed record RateLimitHeaders(
    string? Bucket,
    int? Remaining,
    TimeSpan? ResetAfter,
    bool IsGlobal,
    string? Scope,
    TimeSpan? RetryAfter,
    bool HasAny)
{
    public static RateLimitHeaders Parse(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        // The raw values: the typed view parses (and locks) every header of every response, a tenth of a request's CPU.
        var raw = headers.NonValidated;
        var bucket = Get(raw, "X-RateLimit-Bucket");
        var remaining = int.TryParse(Get(raw, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        var resetAfter = ParseSeconds(Get(raw, "X-RateLimit-Reset-After"));
        var global = Get(raw, "X-RateLimit-Global");
        var scope = Get(raw, "X-RateLimit-Scope");
        var hasAny = false;
        foreach (var header in raw)
        {
            hasAny |= header.Key.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase);
        }

        // Discord sends Retry-After in seconds (the HTTP-date form is never used by its API).
        var retryAfter = ParseSeconds(Get(raw, "Retry-After"));
        return new RateLimitHeaders(
            bucket,
            remaining,
            resetAfter,
            string.Equals(global, "true", StringComparison.OrdinalIgnoreCase),
            scope,
            retryAfter,
            hasAny);
    }

    private static string? Get(HttpHeadersNonValidated headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            return value.Trim();
        }

        return null;
    }

    private static TimeSpan? ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
