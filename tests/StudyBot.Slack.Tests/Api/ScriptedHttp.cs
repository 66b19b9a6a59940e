using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using StudyBot.Slack.Api;
using StudyBot.Slack.Tests.Support;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Api;

/// <summary>One request as the scripted server saw it, stamped with the fake clock's time.</summary>
internal sealed record SeenRequest(DateTimeOffset At, Uri Uri, string? Authorization, string? ContentType, string Body, int Nth)
{
    /// <summary>The method name: the last segment of the path.</summary>
    public string Method => Uri.Segments[^1];
}

/// <summary>An HttpMessageHandler whose answers a test scripts; it records every request with the fake time it came at.</summary>
internal sealed class ScriptedHttp(ObservableTimeProvider time) : HttpMessageHandler
{
    private int _count;

    public Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => Task.FromResult(Json("""{"ok":true}"""));

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public IReadOnlyList<SeenRequest> To(string method) => [.. Requests.Where(r => r.Method == method)];

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage RateLimited(int retryAfterSeconds)
    {
        var response = Json("""{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    public static async Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(
            time.GetUtcNow(),
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body,
            Interlocked.Increment(ref _count) - 1);
        Requests.Enqueue(seen);
        return await Respond(seen, cancellationToken);
    }
}

/// <summary>A real <see cref="SlackApiClient"/> over a <see cref="ScriptedHttp"/> on a fake clock.</summary>
internal sealed class ApiHarness : IDisposable
{
    public const string BotToken = "xoxb-1111-2222-SECRETbot";
    public const string AppToken = "xapp-1-A1-3333-SECRETapp";

    public ApiHarness(SlackApiLimits? limits = null, string apiBaseUrl = "https://slack.test/api/")
    {
        Http = new ScriptedHttp(Time);
        Limits = limits ?? new SlackApiLimits { Random = () => 0.5 };
        var options = Options.Create(new SlackOptions { BotToken = BotToken, AppToken = AppToken, ApiBaseUrl = apiBaseUrl });
        HttpClient = new HttpClient(Http);
        Client = new SlackApiClient(HttpClient, options, Time, Logs, Limits);
        Web = new SlackWebApi(Client);
    }

    public ObservableTimeProvider Time { get; } = new();

    public ScriptedHttp Http { get; }

    public SlackApiLimits Limits { get; }

    public HttpClient HttpClient { get; }

    public ListLogger<SlackApiClient> Logs { get; } = new();

    public SlackApiClient Client { get; }

    public SlackWebApi Web { get; }

    /// <summary>The moments the limiter named <paramref name="key"/> let a call go (e.g. "channel:C1"): exact, unlike arrival times.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> WatchGrants(string key)
    {
        var grants = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        var previous = Client.RateLimits.Granted;
        Client.RateLimits.Granted = (limiter, at) =>
        {
            previous?.Invoke(limiter, at);
            if (limiter == key)
            {
                grants.Enqueue(at);
            }
        };
        return grants;
    }

    /// <summary>Runs <paramref name="work"/> while moving the fake clock from timer to timer, never to a request timeout.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work)
    {
        await Time.RunUntilAsync(work, due => due == Limits.RequestTimeout);
        return await work;
    }

    public void Dispose()
    {
        HttpClient.Dispose();
        Assert.DoesNotContain(BotToken, Logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(AppToken, Logs.AllText(), StringComparison.Ordinal);
    }
}
