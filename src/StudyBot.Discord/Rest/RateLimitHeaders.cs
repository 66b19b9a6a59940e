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
        var bucket = Get(headers, "X-RateLimit-Bucket");
        var remaining = int.TryParse(Get(headers, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        var resetAfter = ParseSeconds(Get(headers, "X-RateLimit-Reset-After"));
        var global = Get(headers, "X-RateLimit-Global");
        var scope = Get(headers, "X-RateLimit-Scope");
        var hasAny = headers.Any(h => h.Key.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase));
        var retryAfter = headers.RetryAfter?.Delta ?? ParseSeconds(Get(headers, "Retry-After"));
        return new RateLimitHeaders(
            bucket,
            remaining,
            resetAfter,
            string.Equals(global, "true", StringComparison.OrdinalIgnoreCase),
            scope,
            retryAfter,
            hasAny);
    }

    private static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
