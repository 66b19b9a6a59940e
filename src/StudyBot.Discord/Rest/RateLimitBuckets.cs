using System.Collections.Concurrent;

namespace StudyBot.Discord.Rest;

/// <summary>
/// Finds the bucket for a route. Discord's X-RateLimit-Bucket hash, not the route, names the real limit: several
/// routes can share one (DN PR #1546), always per major parameter. Until a route's hash is known it gets its own bucket.
/// </summary>
internal sealed class RateLimitBuckets(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RateLimitBucket> _byRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> _byHash = new(StringComparer.Ordinal);

    public RateLimitBucket For(RouteKey route) =>
        _byRoute.GetOrAdd(route.BucketKey, static (_, time) => new RateLimitBucket(time), time);

    /// <summary>Points the route at the bucket of its hash; the route's own bucket becomes that bucket if it is the first.</summary>
    /// <returns>The bucket the route now uses.</returns>
    public RateLimitBucket Learn(RouteKey route, RateLimitBucket current, string hash)
    {
        var shared = _byHash.GetOrAdd(hash + "|" + route.Major, current);
        _byRoute[route.BucketKey] = shared;
        return shared;
    }
}
