using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyBot.Slack.Api;

/// <summary>
/// The Web API over one <see cref="HttpClient"/>: <c>POST {ApiBaseUrl}{method}</c> with the bot token (the app-level token
/// for apps.connections.open) as a Bearer header, tier budgets and per-channel posting budgets kept client-side, 429s
/// waited out as Retry-After says, 5xx and network errors retried a bounded number of times, every attempt under a timeout.
/// Tokens and response URLs never reach a log line.
/// </summary>
public sealed partial class SlackApiClient : ISlackApi
{
    private const string ResponseUrlMethod = "response_url";
    private const int ResponseUrlsTracked = 1_000;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SlackApiLimits _limits;
    private readonly SlackRateLimits _rateLimits;
    private readonly string _baseUrl;
    private readonly string _botToken;
    private readonly string _appToken;
    private readonly ConcurrentDictionary<string, ResponseUrlUse> _responseUrlUses = new(StringComparer.Ordinal);

    public SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger)
        : this(http, options, time, logger, SlackApiLimits.Default)
    {
    }

    public SlackApiClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackApiClient> logger, SlackApiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _time = time;
        _logger = logger;
        _limits = limits;
        _rateLimits = new SlackRateLimits(time, limits);
        var baseUrl = options.Value.ApiBaseUrl;
        _baseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
        _botToken = options.Value.BotToken;
        _appToken = options.Value.AppToken;
    }

    internal SlackRateLimits RateLimits => _rateLimits;

    public async Task<SlackApiResult> CallAsync(string method, JsonObject? arguments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var spec = SlackMethods.Find(method);
        var uri = new Uri(_baseUrl + spec.Name);
        var token = spec.UsesAppToken ? _appToken : _botToken;
        var channel = arguments?["channel"] is JsonValue c && c.TryGetValue(out string? id) ? id : null;
        return await SendWithRetriesAsync(
            spec,
            () => _rateLimits.WaitAsync(spec, channel, cancellationToken),
            duration => _rateLimits.Pause(spec, duration),
            () => BuildRequest(uri, token, spec.Encoding, arguments),
            cancellationToken);
    }

    public async Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        if (!responseUrl.IsAbsoluteUri || responseUrl.Scheme is not ("https" or "http"))
        {
            return new SlackApiResult(ResponseUrlMethod, SlackApiFailure.HttpError, "invalid_response_url", 0, null);
        }

        if (!TryUseResponseUrl(responseUrl))
        {
            Log.ResponseUrlExhausted(_logger, _limits.ResponseUrlUses, _limits.ResponseUrlLifetime);
            return new SlackApiResult(ResponseUrlMethod, SlackApiFailure.ApiError, "response_url_exhausted", 0, null);
        }

        // Not idempotent: a response_url post that timed out may still have been shown.
        var spec = new SlackMethod(ResponseUrlMethod, SlackTier.Tier4, SlackEncoding.Json, RetryAfterTimeout: false);
        return await SendWithRetriesAsync(
            spec,
            () => _rateLimits.WaitForResponseUrlAsync(cancellationToken),
            _rateLimits.PauseResponseUrls,
            () => BuildRequest(responseUrl, null, SlackEncoding.Json, message),
            cancellationToken);
    }

    private async Task<SlackApiResult> SendWithRetriesAsync(
        SlackMethod spec,
        Func<Task> waitForBudget,
        Action<TimeSpan> pause,
        Func<HttpRequestMessage> buildRequest,
        CancellationToken cancellationToken)
    {
        var rateLimited = 0;
        var failed = 0;
        while (true)
        {
            await waitForBudget();
            var (result, retryAfter) = await SendOnceAsync(spec.Name, buildRequest, cancellationToken);
            switch (result.Failure)
            {
                case SlackApiFailure.RateLimited:
                    var wait = retryAfter ?? _limits.DefaultRetryAfter;
                    pause(wait);
                    if (++rateLimited > _limits.MaxRateLimitRetries)
                    {
                        Log.GaveUp(_logger, spec.Name, rateLimited, result.Error);
                        return result;
                    }

                    Log.RateLimited(_logger, spec.Name, wait);
                    continue;
                case SlackApiFailure.ServerError or SlackApiFailure.Network:
                case SlackApiFailure.Timeout when spec.RetryAfterTimeout:
                    if (++failed > _limits.MaxServerRetries)
                    {
                        Log.GaveUp(_logger, spec.Name, failed, result.Error);
                        return result;
                    }

                    var delay = _limits.RetryBaseDelay * (Math.Pow(2, failed - 1) * (1 + _limits.Random()));
                    Log.Retrying(_logger, spec.Name, result.Error, failed, delay);
                    await Task.Delay(delay, _time, cancellationToken);
                    continue;
                case SlackApiFailure.ApiError when result.IsFatal:
                    Log.FatalError(_logger, spec.Name, result.Error);
                    return result;
                case SlackApiFailure.ApiError:
                    Log.NotOk(_logger, spec.Name, result.Error);
                    return result;
                case SlackApiFailure.None:
                    return result;
                default:
                    Log.Failed(_logger, spec.Name, result.Failure, result.Error);
                    return result;
            }
        }
    }

    /// <summary>One attempt. Never throws except when the caller cancels.</summary>
    private async Task<(SlackApiResult Result, TimeSpan? RetryAfter)> SendOnceAsync(string method, Func<HttpRequestMessage> buildRequest, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_limits.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = buildRequest();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var json = ParseObject(body);
            var error = json?["error"] is JsonValue e && e.TryGetValue(out string? code) ? code : null;

            if (status == 429)
            {
                return (new SlackApiResult(method, SlackApiFailure.RateLimited, error ?? "ratelimited", status, json), RetryAfter(response));
            }

            if (status >= 500)
            {
                return (new SlackApiResult(method, SlackApiFailure.ServerError, "server_error", status, json), null);
            }

            if (status != 200)
            {
                return (new SlackApiResult(method, SlackApiFailure.HttpError, error ?? $"http_{status}", status, json), null);
            }

            if (method == ResponseUrlMethod && json is null && body.Trim() == "ok")
            {
                // Older webhook-style endpoints answer a bare "ok".
                return (SlackApiResult.Success(method, status, new JsonObject { ["ok"] = true }), null);
            }

            if (json?["ok"] is not JsonValue okValue || !okValue.TryGetValue(out bool ok))
            {
                return (new SlackApiResult(method, SlackApiFailure.InvalidResponse, "invalid_response", status, json), null);
            }

            return ok
                ? (SlackApiResult.Success(method, status, json), null)
                : (new SlackApiResult(method, SlackApiFailure.ApiError, error ?? "unknown_error", status, json), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new SlackApiResult(method, SlackApiFailure.Timeout, "timeout", 0, null), null);
        }
        catch (HttpRequestException ex)
        {
            // Only the kind is kept: an exception message can carry the URL.
            Log.NetworkError(_logger, method, ex.HttpRequestError);
            return (new SlackApiResult(method, SlackApiFailure.Network, "network_error", 0, null), null);
        }
    }

    private static HttpRequestMessage BuildRequest(Uri uri, string? token, SlackEncoding encoding, JsonObject? arguments)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Content = encoding == SlackEncoding.Json
            ? new StringContent((arguments ?? []).ToJsonString(), Encoding.UTF8, "application/json")
            : new FormUrlEncodedContent(FormFields(arguments));
        return request;
    }

    /// <summary>Form values as Slack reads them: strings as they are, objects and arrays as JSON text, nulls left out.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> FormFields(JsonObject? arguments)
    {
        if (arguments is null)
        {
            yield break;
        }

        foreach (var (name, value) in arguments)
        {
            var text = value switch
            {
                null => null,
                JsonValue v when v.TryGetValue(out string? s) => s,
                JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
                JsonValue v => v.ToJsonString(),
                _ => value.ToJsonString(),
            };
            if (text is not null)
            {
                yield return new KeyValuePair<string, string>(name, text);
            }
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        // Some proxies send a fraction of a second, which the typed header refuses.
        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : null;
    }

    private bool TryUseResponseUrl(Uri responseUrl)
    {
        var now = _time.GetUtcNow();
        if (_responseUrlUses.Count > ResponseUrlsTracked)
        {
            foreach (var (url, use) in _responseUrlUses)
            {
                if (now - use.FirstUse > _limits.ResponseUrlLifetime)
                {
                    _responseUrlUses.TryRemove(url, out _);
                }
            }
        }

        var key = responseUrl.AbsoluteUri;
        while (true)
        {
            if (!_responseUrlUses.TryGetValue(key, out var current) || now - current.FirstUse > _limits.ResponseUrlLifetime)
            {
                // Past its lifetime Slack refuses the URL itself; counting afresh lets that answer come back as it is.
                var fresh = new ResponseUrlUse(now, 1);
                if (current is null ? _responseUrlUses.TryAdd(key, fresh) : _responseUrlUses.TryUpdate(key, fresh, current))
                {
                    return true;
                }

                continue;
            }

            if (current.Count >= _limits.ResponseUrlUses)
            {
                return false;
            }

            if (_responseUrlUses.TryUpdate(key, current with { Count = current.Count + 1 }, current))
            {
                return true;
            }
        }
    }

    private static JsonObject? ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML.
            return null;
        }
    }

    private sealed record ResponseUrlUse(DateTimeOffset FirstUse, int Count);

    private static partial class Log
    {
        [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "Slack {Method} was rate limited (HTTP 429); it pauses for {RetryAfter}")]
        public static partial void RateLimited(ILogger logger, string method, TimeSpan retryAfter);

        [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Slack {Method} failed ({Error}); retry {Attempt} in {Delay}")]
        public static partial void Retrying(ILogger logger, string method, string? error, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Slack {Method} gave up after {Attempts} failed attempts ({Error})")]
        public static partial void GaveUp(ILogger logger, string method, int attempts, string? error);

        [LoggerMessage(EventId = 8203, Level = LogLevel.Information, Message = "Slack {Method} answered ok:false ({Error})")]
        public static partial void NotOk(ILogger logger, string method, string? error);

        [LoggerMessage(EventId = 8204, Level = LogLevel.Error, Message = "Slack {Method} refused the token for good ({Error})")]
        public static partial void FatalError(ILogger logger, string method, string? error);

        [LoggerMessage(EventId = 8205, Level = LogLevel.Warning, Message = "Slack {Method} failed: {Failure} ({Error})")]
        public static partial void Failed(ILogger logger, string method, SlackApiFailure failure, string? error);

        [LoggerMessage(EventId = 8206, Level = LogLevel.Debug, Message = "Slack {Method}: network error {Kind}")]
        public static partial void NetworkError(ILogger logger, string method, HttpRequestError kind);

        [LoggerMessage(EventId = 8207, Level = LogLevel.Warning, Message = "A response_url was already used {Uses} times within {Lifetime}; not posting to it again")]
        public static partial void ResponseUrlExhausted(ILogger logger, int uses, TimeSpan lifetime);
    }
}
