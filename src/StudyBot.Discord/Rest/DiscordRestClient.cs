using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Discord.Rest;

/// <summary>
/// Discord's REST API over one <see cref="HttpClient"/>: auth headers, per-bucket and global rate limits,
/// bounded retries, and every expected failure returned as a <see cref="RestResponse"/> value.
/// </summary>
public sealed partial class DiscordRestClient : IDiscordRest, IDisposable
{
    private const int MaxRateLimitRetries = 5;
    private const int MaxServerRetries = 3;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly string _baseUrl;
    private readonly string _token;
    private readonly RateLimitBuckets _buckets;
    private readonly GlobalRateLimiter _global;
    private readonly InvalidRequestCounter _invalid;
    private readonly Lock _warningLock = new();
    private DateTimeOffset _lastInvalidWarning = DateTimeOffset.MinValue;
    private int _cloudflareBlocks;

    public DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _time = time;
        _logger = logger;
        _baseUrl = options.Value.ApiBaseUrl.TrimEnd('/');
        _token = options.Value.Token;
        _buckets = new RateLimitBuckets(time);
        _global = new GlobalRateLimiter(time, options.Value.GlobalRequestsPerSecond);
        _invalid = new InvalidRequestCounter(time);
    }

    /// <summary>How long everything waits after a 429 without rate-limit headers (a Cloudflare block).</summary>
    internal TimeSpan CloudflareCooldown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first backoff after a 5xx or a network error; it doubles per retry, plus up to as much jitter.</summary>
    internal TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Warn when more invalid requests than this fall in 10 minutes; Discord bans at 10,000.</summary>
    internal int InvalidRequestWarningThreshold { get; set; } = 1_000;

    /// <summary>401, 403 and 429 answers in the last 10 minutes.</summary>
    internal int InvalidRequestCount => _invalid.Count;

    internal int CloudflareBlockCount => Volatile.Read(ref _cloudflareBlocks);

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, DateTimeOffset.MaxValue, cancellationToken);

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
        SendCoreAsync(method, path, body is null ? null : () => new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), retryUntil, cancellationToken);

    public Task<RestResponse> SendWithFilesAsync(HttpMethod method, string path, JsonNode payload, IReadOnlyList<RestFile> files, DateTimeOffset retryUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(files);
        return SendCoreAsync(method, path, () => Multipart(payload, files), retryUntil, cancellationToken);
    }

    /// <summary>payload_json, then files[0], files[1], … ("Uploading Files" in Discord's reference).</summary>
    internal static MultipartFormDataContent Multipart(JsonNode payload, IReadOnlyList<RestFile> files)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ByteArrayContent(files[i].Content);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(files[i].ContentType);
            form.Add(part, $"files[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", files[i].FileName);
        }

        return form;
    }

    /// <param name="content">Makes the request's body afresh for each attempt (a sent HttpContent cannot be sent again); null for none.</param>
    private async Task<RestResponse> SendCoreAsync(HttpMethod method, string path, Func<HttpContent>? content, DateTimeOffset retryUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);

        var route = RouteKey.From(method, path);
        var uri = new Uri(_baseUrl + "/" + path.TrimStart('/'));
        var rateLimitedRetries = 0;
        var failedAttempts = 0;

        while (true)
        {
            var answer = await ExchangeAsync(route, method, uri, content, cancellationToken);
            var status = answer.Status;

            if (status is >= 200 and < 300)
            {
                return new RestResponse(status, answer.Json, RestFailure.None);
            }

            if (status == 429)
            {
                if (++rateLimitedRetries > MaxRateLimitRetries)
                {
                    Log.GaveUp(_logger, route.Template, rateLimitedRetries, RestFailure.RateLimited);
                    return new RestResponse(status, answer.Json, RestFailure.RateLimited);
                }

                if (_time.GetUtcNow() + answer.RetryAfter >= retryUntil)
                {
                    Log.TooLateToRetry(_logger, route.Template, "HTTP 429", rateLimitedRetries);
                    return new RestResponse(status, answer.Json, RestFailure.RateLimited);
                }

                // The wait itself happens in the bucket and the global limiter, which the 429 has blocked.
                continue;
            }

            if (status is 0 or >= 500)
            {
                var failure = status == 0 ? RestFailure.Network : RestFailure.ServerError;
                if (++failedAttempts > MaxServerRetries)
                {
                    Log.GaveUp(_logger, route.Template, failedAttempts, failure);
                    return new RestResponse(status, answer.Json, failure);
                }

                var delay = Backoff(failedAttempts);
                var error = status == 0 ? answer.Error : $"HTTP {status}";
                if (_time.GetUtcNow() + delay >= retryUntil)
                {
                    // An interaction callback after its window is refused anyway, and it may have arrived already.
                    Log.TooLateToRetry(_logger, route.Template, error, failedAttempts);
                    return new RestResponse(status, answer.Json, failure);
                }

                Log.Retrying(_logger, route.Template, error, failedAttempts, delay);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            // Other 4xx are the caller's mistake or missing permissions: retrying cannot help.
            var clientFailure = status switch
            {
                401 => RestFailure.Unauthorized,
                403 => RestFailure.Forbidden,
                404 => RestFailure.NotFound,
                _ => RestFailure.BadRequest,
            };
            return new RestResponse(status, answer.Json, clientFailure);
        }
    }

    /// <summary>Until when a global 429 holds every non-exempt request back; for tests that must know it was read.</summary>
    internal DateTimeOffset GlobalPausedUntil => _global.NonExemptPausedUntil;

    public void Dispose() => _global.Dispose();

    /// <summary>One request through the bucket and the global limiter. Status 0 means no answer (Error says why).</summary>
    private async Task<Answer> ExchangeAsync(RouteKey route, HttpMethod method, Uri uri, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var bucket = await AcquireBucketAsync(route, cancellationToken);
        RateLimitHeaders? headers = null;
        TimeSpan? blockFor = null;
        try
        {
            await _global.WaitAsync(route.IsGlobalExempt, cancellationToken);

            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _token);
            request.Headers.TryAddWithoutValidation("User-Agent", DiscordOptions.UserAgent);
            if (content is not null)
            {
                request.Content = content();
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var json = ParseJson(await response.Content.ReadAsStringAsync(cancellationToken));
            headers = RateLimitHeaders.Parse(response.Headers);

            if (status is 401 or 403 || (status == 429 && headers.Scope != "shared"))
            {
                // 429s of a shared resource do not count towards the ban (rate-limits topic).
                CountInvalid();
            }

            if (status == 429)
            {
                blockFor = OnRateLimited(route, json, headers);
            }

            if (headers.Bucket is { Length: > 0 } hash && _buckets.Learn(route, bucket, hash) is var shared && shared != bucket)
            {
                // Another route already knew this hash: its bucket must hear what this response said.
                shared.Apply(headers, blockFor);
            }

            return new Answer(status, json, "", blockFor ?? TimeSpan.Zero);
        }
        catch (HttpRequestException e)
        {
            // Only the error kind is logged: exception messages can carry the URL, and webhook URLs carry tokens.
            return new Answer(0, null, e.HttpRequestError.ToString(), TimeSpan.Zero);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(0, null, "Timeout", TimeSpan.Zero);
        }
        finally
        {
            bucket.Release(headers, blockFor);
        }
    }

    private async Task<RateLimitBucket> AcquireBucketAsync(RouteKey route, CancellationToken cancellationToken)
    {
        while (true)
        {
            var bucket = _buckets.For(route);
            await bucket.AcquireAsync(cancellationToken);

            // While this request waited, its route may have been moved to a shared bucket hash: queue there instead.
            if (_buckets.For(route) == bucket)
            {
                return bucket;
            }

            bucket.Release(null, null);
        }
    }

    /// <returns>How long the route's bucket must stay blocked.</returns>
    private TimeSpan OnRateLimited(RouteKey route, JsonNode? json, RateLimitHeaders headers)
    {
        // Prefer the body's float retry_after over the header (discord-api-docs#7394).
        TimeSpan? bodyRetryAfter = json is JsonObject o && o["retry_after"] is JsonValue v && v.TryGetValue(out double seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

        if (bodyRetryAfter is null && !headers.HasAny)
        {
            // No X-RateLimit headers and no retry_after: a Cloudflare block of the whole IP (discordgo#659).
            // Retrying soon only deepens it, so everything waits a long time.
            var headerWait = headers.RetryAfter ?? TimeSpan.Zero;
            var cooldown = headerWait > CloudflareCooldown ? headerWait : CloudflareCooldown;
            Interlocked.Increment(ref _cloudflareBlocks);
            _global.PauseAll(cooldown);
            Log.CloudflareBlock(_logger, route.Template, cooldown);
            return cooldown;
        }

        var retryAfter = bodyRetryAfter ?? headers.RetryAfter ?? headers.ResetAfter ?? TimeSpan.FromSeconds(1);
        var isGlobal = headers.IsGlobal || (json?["global"] is JsonValue g && g.TryGetValue(out bool global) && global);
        if (isGlobal)
        {
            _global.PauseNonExempt(retryAfter);
            Log.GlobalRateLimited(_logger, route.Template, retryAfter);
        }
        else
        {
            Log.BucketRateLimited(_logger, route.Template, retryAfter);
        }

        return retryAfter;
    }

    private void CountInvalid()
    {
        var count = _invalid.Add();
        if (count <= InvalidRequestWarningThreshold)
        {
            return;
        }

        lock (_warningLock)
        {
            // Once a minute at most: the warning must not add to a flood it reports.
            var now = _time.GetUtcNow();
            if (now - _lastInvalidWarning < TimeSpan.FromMinutes(1))
            {
                return;
            }

            _lastInvalidWarning = now;
        }

        Log.ManyInvalidRequests(_logger, count, InvalidRequestCounter.Window);
    }

    private TimeSpan Backoff(int attempt)
    {
        // Jitter keeps many callers that failed together from retrying together.
        var jitter = Random.Shared.NextDouble();
        return RetryBaseDelay * (Math.Pow(2, attempt - 1) + jitter);
    }

    private static JsonNode? ParseJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Cloudflare and proxies answer with HTML.
            return null;
        }
    }

    /// <param name="RetryAfter">After a 429: how long its bucket (or everything) is blocked.</param>
    private sealed record Answer(int Status, JsonNode? Json, string Error, TimeSpan RetryAfter);

    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "REST {Route} hit its bucket's rate limit; retrying in {RetryAfter}")]
        public static partial void BucketRateLimited(ILogger logger, string route, TimeSpan retryAfter);

        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "REST {Route} hit the global rate limit; all bot requests pause for {RetryAfter}")]
        public static partial void GlobalRateLimited(ILogger logger, string route, TimeSpan retryAfter);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "REST {Route} got a 429 without rate-limit headers (likely a Cloudflare block); all requests pause for {Cooldown}")]
        public static partial void CloudflareBlock(ILogger logger, string route, TimeSpan cooldown);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "REST {Route} failed ({Error}); retry {Attempt} in {Delay}")]
        public static partial void Retrying(ILogger logger, string route, string error, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "REST {Route} gave up after {Attempts} attempts: {Failure}")]
        public static partial void GaveUp(ILogger logger, string route, int attempts, RestFailure failure);

        [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "REST {Route} failed ({Error}) after {Attempts} attempts; a retry would come too late to matter")]
        public static partial void TooLateToRetry(ILogger logger, string route, string error, int attempts);

        [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "{Count} invalid REST requests (401/403/429) in the last {Window}; Discord bans the IP at 10,000")]
        public static partial void ManyInvalidRequests(ILogger logger, int count, TimeSpan window);
    }
}
