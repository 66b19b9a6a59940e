using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Rest;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Rest;

/// <summary>
/// The REST client against a scripted loopback server, on real time with waits of a few hundred milliseconds.
/// Lower bounds are checked tightly (a wait must not be skipped); upper bounds loosely (a loaded machine is slow).
/// </summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private const string Token = "test-token-abc.DEF_123";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);

    private readonly List<IAsyncDisposable> _servers = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly ListLogger<DiscordRestClient> _log = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _disposables.ForEach(d => d.Dispose());
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendAsync_WithBody_SendsAuthUserAgentAndJsonToTheV10Url()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(context, 200, """{"id":"1"}"""));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Post, "channels/1/messages", new JsonObject { ["content"] = "hi" }, default);

        Assert.True(response.IsSuccess);
        Assert.Equal("1", (string?)response.Body?["id"]);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("channels/1/messages", request.Path);
        Assert.Equal("Bot " + Token, request.Headers.Authorization.ToString());
        Assert.Equal(DiscordOptions.UserAgent, request.Headers.UserAgent.ToString());
        Assert.StartsWith("application/json", request.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Equal("hi", (string?)JsonNode.Parse(request.Body)?["content"]);
    }

    [Fact]
    public async Task SendWithFilesAsync_AfterA5xx_SendsTheWholeMultipartBodyAgain()
    {
        var server = await StartAsync((context, request) => request.NthOnPath == 0
            ? ScriptedRestServer.Respond(context, 502)
            : ScriptedRestServer.Respond(context, 204, null));
        var client = CreateClient(server.ApiBaseUrl);
        client.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        var file = new RestFile("d.json", "application/json", "{\"days\":[1,2]}"u8.ToArray());

        var response = await client.SendWithFilesAsync(
            HttpMethod.Post, "interactions/1/tok/callback", new JsonObject { ["type"] = 4 }, [file], DateTimeOffset.MaxValue, default);

        Assert.True(response.IsSuccess);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, request =>
        {
            Assert.StartsWith("multipart/form-data", request.Headers.ContentType.ToString(), StringComparison.Ordinal);
            Assert.Contains("name=payload_json", request.Body, StringComparison.Ordinal);
            Assert.Contains("{\"type\":4}", request.Body, StringComparison.Ordinal);
            Assert.Contains("name=\"files[0]\"; filename=d.json", request.Body, StringComparison.Ordinal);
            Assert.Contains("{\"days\":[1,2]}", request.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendAsync_FailuresOfEveryKind_NeverLogTheTokens()
    {
        var server = await StartAsync((context, request) => request.Path switch
        {
            "channels/1/messages" when request.NthOnPath == 0 => ScriptedRestServer.Respond(context, 429, """{"retry_after":0.05,"global":false}""", ("X-RateLimit-Bucket", "b")),
            "channels/2/messages" when request.NthOnPath == 0 => ScriptedRestServer.Respond(context, 429, """{"retry_after":0.05,"global":true}""", ("X-RateLimit-Global", "true")),
            "channels/3/messages" when request.NthOnPath == 0 => ScriptedRestServer.Respond(context, 429, "<html>error code: 1015</html>"),
            "webhooks/4/webhook-secret" => ScriptedRestServer.Respond(context, 503),
            "users/@me" => ScriptedRestServer.Respond(context, 401, """{"code":0,"message":"401: Unauthorized"}"""),
            _ => ScriptedRestServer.Respond(context, 200),
        });
        var client = CreateClient(server.ApiBaseUrl);
        client.CloudflareCooldown = TimeSpan.FromMilliseconds(50);
        client.InvalidRequestWarningThreshold = 1;

        await client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        await client.SendAsync(HttpMethod.Post, "channels/2/messages", null, default);
        await client.SendAsync(HttpMethod.Post, "channels/3/messages", null, default);
        await client.SendAsync(HttpMethod.Post, "webhooks/4/webhook-secret", null, default);
        await client.SendAsync(HttpMethod.Get, "users/@me", null, default);
        var unreachable = CreateClient($"http://127.0.0.1:{FreePort()}/api/v10");
        await unreachable.SendAsync(HttpMethod.Post, "webhooks/4/webhook-secret", null, default);

        Assert.True(_log.Entries.Count >= 8, $"expected logs of every failure, got {_log.Entries.Count}");
        Assert.All(_log.Entries, e => Assert.DoesNotContain(Token, e.Text, StringComparison.Ordinal));
        Assert.All(_log.Entries, e => Assert.DoesNotContain("webhook-secret", e.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_Bucket429_WaitsRetryAfterWhileOtherBucketsProceed()
    {
        var (server, limited) = await StartAnsweringFirstAsync(context => ScriptedRestServer.Respond(
            context,
            429,
            """{"message":"You are being rate limited.","retry_after":1.0,"global":false}""",
            ("X-RateLimit-Bucket", "abc"),
            ("X-RateLimit-Limit", "5"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset-After", "1.0"),
            ("X-RateLimit-Scope", "user"),
            ("Retry-After", "4")));
        var client = CreateClient(server.ApiBaseUrl);

        var first = client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        var limitedAt = await limited;
        await WaitForLogAsync(7000);
        var second = client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        var other = await client.SendAsync(HttpMethod.Post, "channels/2/messages", null, default);

        Assert.True(other.IsSuccess);
        Assert.True((await first).IsSuccess);
        Assert.True((await second).IsSuccess);
        var otherAt = Assert.Single(server.RequestsTo("channels/2/messages")).At;
        var retries = server.RequestsTo("channels/1/messages").Skip(1).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, r => Assert.True(otherAt < r.At, "the other bucket had to wait for the limited one"));
        Assert.All(retries, r => Assert.True(r.At - limitedAt >= TimeSpan.FromSeconds(1) - Tolerance, $"a retry came only {r.At - limitedAt} after the 429"));
        // The body's retry_after (1 s) wins over the Retry-After header (4 s).
        Assert.All(retries, r => Assert.True(r.At - limitedAt < TimeSpan.FromSeconds(3.5), $"a retry came {r.At - limitedAt} after the 429"));
    }

    [Fact]
    public async Task SendAsync_Global429_PausesEveryNonExemptRoute()
    {
        var (server, limited) = await StartAnsweringFirstAsync(context => ScriptedRestServer.Respond(
            context, 429, """{"message":"You are being rate limited.","retry_after":1.0,"global":true}""", ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global")));
        var client = CreateClient(server.ApiBaseUrl);

        var first = client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        var limitedAt = await limited;
        await WaitForLogAsync(7001);
        var otherChannel = client.SendAsync(HttpMethod.Post, "channels/2/messages", null, default);
        var guild = client.SendAsync(HttpMethod.Get, "guilds/3/roles", null, default);
        var callback = await client.SendAsync(HttpMethod.Post, "interactions/4/tok/callback", new JsonObject(), default);
        await Task.WhenAll(first, otherChannel, guild);

        Assert.True(callback.IsSuccess);
        var callbackAt = Assert.Single(server.RequestsTo("interactions/4/tok/callback")).At;
        var paused = server.Requests.Where(r => !r.Path.StartsWith("interactions/", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(3, paused.Count);
        Assert.All(paused, r => Assert.True(r.At - limitedAt >= TimeSpan.FromSeconds(1) - Tolerance, $"{r.Path} came {r.At - limitedAt} after the global 429"));
        Assert.All(paused, r => Assert.True(callbackAt < r.At, "the exempt callback waited for the global pause"));
    }

    [Fact]
    public async Task SendAsync_Html429WithoutHeaders_CoolsDownEverythingWithoutARetryStorm()
    {
        var (server, blocked) = await StartAnsweringFirstAsync(context =>
        {
            context.Response.StatusCode = 429;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body>error code: 1015</body></html>");
        });
        var client = CreateClient(server.ApiBaseUrl);
        client.CloudflareCooldown = TimeSpan.FromMilliseconds(600);

        var first = client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        var blockedAt = await blocked;
        await WaitForLogAsync(7002);
        var others = new[]
        {
            client.SendAsync(HttpMethod.Post, "channels/2/messages", null, default),
            client.SendAsync(HttpMethod.Post, "interactions/3/tok/callback", new JsonObject(), default),
        };
        var all = await Task.WhenAll([first, .. others]);

        Assert.All(all, r => Assert.True(r.IsSuccess));
        var afterBlock = server.Requests.Skip(1).ToList();
        Assert.Equal(3, afterBlock.Count);
        Assert.All(afterBlock, r => Assert.True(r.At - blockedAt >= TimeSpan.FromMilliseconds(600) - Tolerance, $"{r.Path} came {r.At - blockedAt} after the block"));
        Assert.Equal(1, client.CloudflareBlockCount);
        Assert.Equal(1, client.InvalidRequestCount);
    }

    [Fact]
    public async Task SendAsync_RemainingZero_WaitsResetAfterBeforeTheNextRequest()
    {
        var server = await StartAsync((context, request) => ScriptedRestServer.Respond(
            context,
            200,
            "{}",
            ("X-RateLimit-Bucket", "abc"),
            ("X-RateLimit-Limit", "2"),
            ("X-RateLimit-Remaining", request.NthOnPath == 1 ? "0" : "1"),
            ("X-RateLimit-Reset-After", "1.500")));
        var client = CreateClient(server.ApiBaseUrl);
        var culture = CultureInfo.CurrentCulture;

        // A culture with a decimal comma: "1.500" must still read as half a second.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True((await client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default)).IsSuccess);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var at = server.Requests.Select(r => r.At).ToList();
        Assert.True(at[1] - at[0] < TimeSpan.FromSeconds(1.2), $"waited {at[1] - at[0]} with one request left");
        Assert.True(at[2] - at[1] >= TimeSpan.FromSeconds(1.5) - Tolerance, $"waited only {at[2] - at[1]} with none left");
        Assert.Equal(0, client.InvalidRequestCount);
    }

    [Fact]
    public async Task SendAsync_RoutesSharingABucketHash_ShareItsRemainingCount()
    {
        var server = await StartAsync((context, request) => ScriptedRestServer.Respond(
            context,
            200,
            "{}",
            ("X-RateLimit-Bucket", "shared"),
            ("X-RateLimit-Remaining", request.Method == "PATCH" ? "0" : "1"),
            ("X-RateLimit-Reset-After", "0.5")));
        var client = CreateClient(server.ApiBaseUrl);

        await client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        await client.SendAsync(HttpMethod.Patch, "channels/1/messages/2", null, default);
        await client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);

        var at = server.Requests.Select(r => r.At).ToList();
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(500) - Tolerance, $"the shared bucket was empty but the POST waited only {at[2] - at[1]}");
    }

    [Fact]
    public async Task SendAsync_UnknownBucket_AllowsOneRequestInFlightPerRoute()
    {
        var inFlight = new Dictionary<string, int>();
        var maxInFlight = new Dictionary<string, int>();
        var maxTotal = 0;
        var sync = new Lock();
        var server = await StartAsync(async (context, request) =>
        {
            lock (sync)
            {
                inFlight[request.Path] = inFlight.GetValueOrDefault(request.Path) + 1;
                maxInFlight[request.Path] = Math.Max(maxInFlight.GetValueOrDefault(request.Path), inFlight[request.Path]);
                maxTotal = Math.Max(maxTotal, inFlight.Values.Sum());
            }

            await Task.Delay(150);
            lock (sync)
            {
                inFlight[request.Path]--;
            }

            await ScriptedRestServer.Respond(context, 200);
        });
        var client = CreateClient(server.ApiBaseUrl);

        var sameRoute = Enumerable.Range(0, 3).Select(_ => client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default));
        var otherRoutes = Enumerable.Range(2, 3).Select(i => client.SendAsync(HttpMethod.Post, $"channels/{i}/messages", null, default));
        await Task.WhenAll([.. sameRoute, .. otherRoutes]);

        Assert.Equal(1, maxInFlight["channels/1/messages"]);
        Assert.True(maxTotal >= 2, "different channels are different buckets and may overlap");
    }

    [Fact]
    public async Task SendAsync_BurstOf100AtFiftyPerSecond_TakesTwoSecondsWithNo429()
    {
        var window = new Queue<TimeSpan>();
        var rejected = 0;
        var sync = new Lock();
        ScriptedRestServer? server = null;
        server = await StartAsync((context, _) =>
        {
            bool allowed;
            lock (sync)
            {
                // Discord's global limit as a strict sliding window: at most 50 requests in any second, by when the client
                // sent them (arrival times also carry this machine's scheduling delays, which a loaded test run makes large).
                var now = SendStampHandler.SentAt(context.Request.Headers);
                while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromSeconds(1))
                {
                    window.Dequeue();
                }

                allowed = window.Count < 50;
                if (allowed)
                {
                    window.Enqueue(now);
                }
                else
                {
                    rejected++;
                }
            }

            return allowed
                ? ScriptedRestServer.Respond(context, 200)
                : ScriptedRestServer.Respond(context, 429, """{"retry_after":0.1,"global":true}""", ("X-RateLimit-Global", "true"));
        });
        var client = CreateClient(server.ApiBaseUrl, requestsPerSecond: 50);

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => client.SendAsync(HttpMethod.Post, $"channels/{i}/messages", null, default)));
        var elapsed = clock.Elapsed;

        Assert.All(responses, r => Assert.True(r.IsSuccess));
        Assert.Equal(0, rejected);
        Assert.Equal(100, server.Requests.Count);
        // The 51st request cannot leave before the first is a second old; the server saw no second with more than 50.
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task SendAsync_InteractionCallbacks_AreExemptFromTheGlobalLimit()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(context, 204, null));
        var client = CreateClient(server.ApiBaseUrl, requestsPerSecond: 2);

        var channels = Enumerable.Range(1, 4).Select(i => client.SendAsync(HttpMethod.Post, $"channels/{i}/messages", null, default)).ToList();
        var callbacks = Enumerable.Range(1, 10).Select(i => client.SendAsync(HttpMethod.Post, $"interactions/{i}/tok{i}/callback", new JsonObject(), default)).ToList();
        var all = await Task.WhenAll([.. channels, .. callbacks]);

        Assert.All(all, r => Assert.True(r.IsSuccess));
        var channelTimes = server.Requests.Where(r => r.Path.StartsWith("channels/", StringComparison.Ordinal)).Select(r => SendStampHandler.SentAt(r.Headers)).Order().ToList();
        var callbackTimes = server.Requests.Where(r => r.Path.StartsWith("interactions/", StringComparison.Ordinal)).Select(r => SendStampHandler.SentAt(r.Headers)).ToList();
        // 4 channel messages at 2/s: never 3 in one second; the 10 callbacks do not queue behind them.
        Assert.True(channelTimes[2] - channelTimes[0] >= TimeSpan.FromSeconds(1) - Tolerance, "the global limit did not hold");
        Assert.True(channelTimes[3] - channelTimes[1] >= TimeSpan.FromSeconds(1) - Tolerance, "the global limit did not hold");
        Assert.True(callbackTimes.Max() < channelTimes.Max(), "the callbacks waited for the global limit");
    }

    [Fact]
    public async Task SendAsync_ServerErrorThenSuccess_RetriesAndSucceeds()
    {
        var server = await StartAsync((context, request) =>
            ScriptedRestServer.Respond(context, request.NthOnPath < 2 ? 502 : 200, request.NthOnPath < 2 ? null : """{"ok":true}"""));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Get, "channels/1", null, default);

        Assert.True(response.IsSuccess);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ServerErrorForever_ReturnsServerErrorAfterFourTries()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(context, 500, """{"message":"500: Internal Server Error","code":0}"""));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Get, "channels/1", null, default);

        Assert.Equal(RestFailure.ServerError, response.Failure);
        Assert.Equal(500, response.StatusCode);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_InteractionCallbackServerError_RetriedOnlyWhileTheRetryStartsWithinThreeSeconds()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(context, 500, """{"message":"500: Internal Server Error","code":0}"""));
        var clock = new BackoffSignallingClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var client = CreateClient(server.ApiBaseUrl, time: clock, retryBaseDelay: TimeSpan.FromSeconds(1));

        // The first retry waits 1-2 s and starts inside the window; the second would wait 2-3 s more and start past it.
        var sending = client.SendAsync(HttpMethod.Post, "interactions/1/tok/callback", new JsonObject { ["type"] = 4 }, clock.GetUtcNow() + TimeSpan.FromSeconds(3), default);
        await clock.BackoffStarted.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(2));
        var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RestFailure.ServerError, response.Failure);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(_log.Has(7006));
    }

    [Fact]
    public async Task SendAsync_DeadlineAlreadyPassed_ServerErrorIsNotRetried()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(context, 502, null));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Post, "interactions/1/tok/callback", new JsonObject { ["type"] = 4 }, TimeProvider.System.GetUtcNow(), default);

        Assert.Equal(RestFailure.ServerError, response.Failure);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_DeadlineAlreadyPassed_RateLimitIsNotWaitedOut()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(
            context, 429, """{"retry_after":0.5,"global":false}""", ("X-RateLimit-Bucket", "abc"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "0.5")));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Post, "interactions/1/tok/callback", new JsonObject { ["type"] = 4 }, TimeProvider.System.GetUtcNow(), default);

        Assert.Equal(RestFailure.RateLimited, response.Failure);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_NoServer_ReturnsNetworkAfterRetries()
    {
        var client = CreateClient($"http://127.0.0.1:{FreePort()}/api/v10");

        var response = await client.SendAsync(HttpMethod.Get, "channels/1", null, default);

        Assert.Equal(RestFailure.Network, response.Failure);
        Assert.Equal(4, _log.Entries.Count(e => e.EventId.Id == 7003 || e.EventId.Id == 7004));
    }

    [Theory]
    [InlineData(400, RestFailure.BadRequest)]
    [InlineData(401, RestFailure.Unauthorized)]
    [InlineData(403, RestFailure.Forbidden)]
    [InlineData(404, RestFailure.NotFound)]
    public async Task SendAsync_ClientError_ReturnedAtOnceWithTheBody(int status, RestFailure expected)
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(context, status, """{"message":"Missing Access","code":50001}"""));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Post, "channels/1/messages", new JsonObject(), default);

        Assert.Equal(expected, response.Failure);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(50001, (int?)response.Body?["code"]);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_429Forever_GivesUpAsRateLimited()
    {
        var server = await StartAsync((context, _) => ScriptedRestServer.Respond(
            context, 429, """{"retry_after":0.02,"global":false}""", ("X-RateLimit-Bucket", "abc"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "0.02")));
        var client = CreateClient(server.ApiBaseUrl);

        var response = await client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);

        Assert.Equal(RestFailure.RateLimited, response.Failure);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ManyInvalidRequests_AreCountedAndWarnedAboutOnce()
    {
        var server = await StartAsync((context, request) => request.Path switch
        {
            "channels/1/messages" => ScriptedRestServer.Respond(context, 403, """{"code":50013}"""),
            "users/@me" => ScriptedRestServer.Respond(context, 401),
            "channels/3/messages" when request.NthOnPath == 0 => ScriptedRestServer.Respond(context, 429, """{"retry_after":0.01}""", ("X-RateLimit-Scope", "shared")),
            _ => ScriptedRestServer.Respond(context, 404),
        });
        var client = CreateClient(server.ApiBaseUrl);
        client.InvalidRequestWarningThreshold = 3;

        for (var i = 0; i < 4; i++)
        {
            await client.SendAsync(HttpMethod.Post, "channels/1/messages", null, default);
        }

        await client.SendAsync(HttpMethod.Get, "users/@me", null, default);
        await client.SendAsync(HttpMethod.Get, "channels/2", null, default);
        await client.SendAsync(HttpMethod.Post, "channels/3/messages", null, default);

        // 4 × 403 and a 401 count; the 404 and the shared-scope 429 do not.
        Assert.Equal(5, client.InvalidRequestCount);
        Assert.Single(_log.Entries, e => e.EventId.Id == 7005 && e.Level == LogLevel.Warning);
    }

    /// <summary>The server has sent its answer before the client has read it: wait until the client says it has.</summary>
    private async Task WaitForLogAsync(int eventId)
    {
        var clock = Stopwatch.StartNew();
        while (!_log.Entries.Any(e => e.EventId.Id == eventId))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"no log event {eventId}");
            await Task.Delay(5);
        }
    }

    private async Task<ScriptedRestServer> StartAsync(Func<HttpContext, RecordedRequest, Task> respond)
    {
        var server = await ScriptedRestServer.StartAsync(respond);
        _servers.Add(server);
        return server;
    }

    /// <summary>
    /// A server that gives the first request to channels/1/messages the <paramref name="answer"/> a test scripts and 200
    /// to every other; the task completes with the server time at which that answer was sent.
    /// </summary>
    private async Task<(ScriptedRestServer Server, Task<TimeSpan> AnsweredAt)> StartAnsweringFirstAsync(Func<HttpContext, Task> answer)
    {
        var answered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        ScriptedRestServer? server = null;
        server = await StartAsync(async (context, request) =>
        {
            if (request is { Path: "channels/1/messages", NthOnPath: 0 })
            {
                await answer(context);
                answered.SetResult(server!.Now);
                return;
            }

            await ScriptedRestServer.Respond(context, 200);
        });
        return (server, answered.Task);
    }

    private DiscordRestClient CreateClient(string apiBaseUrl, int requestsPerSecond = 50, TimeProvider? time = null, TimeSpan? retryBaseDelay = null)
    {
        var http = new HttpClient(new SendStampHandler());
        var options = Options.Create(new DiscordOptions { Token = Token, ApiBaseUrl = apiBaseUrl, GlobalRequestsPerSecond = requestsPerSecond });
        var client = new DiscordRestClient(http, options, time ?? TimeProvider.System, _log) { RetryBaseDelay = retryBaseDelay ?? TimeSpan.FromMilliseconds(10) };
        _disposables.Add(http);
        _disposables.Add(client);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fake clock that signals when the REST client starts a retry backoff (a timer of a second or more).</summary>
internal sealed class BackoffSignallingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly TaskCompletionSource backoffStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task BackoffStarted => backoffStarted.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime >= TimeSpan.FromSeconds(1) && dueTime != Timeout.InfiniteTimeSpan)
        {
            backoffStarted.TrySetResult();
        }

        return timer;
    }
}
