using System.Net;
using System.Text.Json.Nodes;
using StudyBot.Slack.Api;

namespace StudyBot.Slack.Tests.Api;

public class SlackApiClientTests
{
    [Fact]
    public async Task CallAsync_WriteMethod_PostsUtf8JsonWithTheBotTokenAsBearer()
    {
        using var harness = new ApiHarness();

        var result = await harness.Client.CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "Grüße & <hi>" }, default);

        Assert.True(result.Ok);
        var request = Assert.Single(harness.Http.Requests);
        Assert.Equal(new Uri("https://slack.test/api/chat.postMessage"), request.Uri);
        Assert.Equal("Bearer " + ApiHarness.BotToken, request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("Grüße & <hi>", (string?)body["text"]);
        Assert.DoesNotContain("token", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_ReadMethodThatTakesNoJson_PostsAForm()
    {
        using var harness = new ApiHarness();

        await harness.Client.CallAsync("users.info", new JsonObject { ["user"] = "U1", ["include_locale"] = true, ["skip"] = null }, default);

        var request = Assert.Single(harness.Http.Requests);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("user=U1&include_locale=true", request.Body);
        Assert.Equal("Bearer " + ApiHarness.BotToken, request.Authorization);
    }

    [Fact]
    public void FormFields_ObjectsAndArrays_TravelAsJsonText()
    {
        var fields = SlackApiClient.FormFields(new JsonObject { ["blocks"] = new JsonArray(new JsonObject { ["type"] = "divider" }), ["limit"] = 5 }).ToList();

        Assert.Equal([new("blocks", """[{"type":"divider"}]"""), new("limit", "5")], fields);
    }

    [Fact]
    public async Task CallAsync_AppsConnectionsOpen_UsesTheAppLevelToken()
    {
        using var harness = new ApiHarness();

        await harness.Client.CallAsync("apps.connections.open", null, default);

        var request = Assert.Single(harness.Http.Requests);
        Assert.Equal("Bearer " + ApiHarness.AppToken, request.Authorization);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task CallAsync_BaseUrlWithoutTrailingSlash_StillEndsInTheMethod()
    {
        using var harness = new ApiHarness(apiBaseUrl: "http://127.0.0.1:5555/api");

        await harness.Client.CallAsync("auth.test", null, default);

        Assert.Equal(new Uri("http://127.0.0.1:5555/api/auth.test"), Assert.Single(harness.Http.Requests).Uri);
    }

    [Fact]
    public async Task CallAsync_OkFalse_ComesBackAsAValueAndIsNotRetried()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json("""{"ok":false,"error":"not_in_channel"}"""));

        var result = await harness.Client.CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1", ["text"] = "x" }, default);

        Assert.False(result.Ok);
        Assert.Equal(SlackApiFailure.ApiError, result.Failure);
        Assert.Equal("not_in_channel", result.Error);
        Assert.False(result.IsFatal);
        Assert.Single(harness.Http.Requests);
    }

    [Theory]
    [InlineData("invalid_auth", true)]
    [InlineData("token_revoked", true)]
    [InlineData("account_inactive", true)]
    [InlineData("not_authed", true)]
    [InlineData("missing_scope", true)]
    [InlineData("channel_not_found", false)]
    [InlineData("already_reacted", false)]
    public async Task CallAsync_ErrorCode_IsFatalOnlyForRefusedTokens(string error, bool fatal)
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json($$"""{"ok":false,"error":"{{error}}"}"""));

        var result = await harness.Client.CallAsync("reactions.add", null, default);

        Assert.Equal(fatal, result.IsFatal);
        Assert.Single(harness.Http.Requests);
    }

    [Fact]
    public async Task CallAsync_WarningsAndResponseMetadata_AreExposed()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json("""
            {"ok":false,"error":"invalid_blocks","warning":"missing_charset",
             "response_metadata":{"messages":["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]}}
            """));

        var result = await harness.Client.CallAsync("chat.postMessage", null, default);

        Assert.Equal("missing_charset", result.Warning);
        Assert.Equal(["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"], result.Messages);
    }

    [Fact]
    public async Task CallAsync_429_WaitsRetryAfterThenSucceeds()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (request, _) => Task.FromResult(request.Nth == 0 ? ScriptedHttp.RateLimited(7) : ScriptedHttp.Json("""{"ok":true}"""));

        var call = harness.Client.CallAsync("chat.update", null, default);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(harness.Http.Requests);
        harness.Time.Advance(TimeSpan.FromSeconds(7));

        Assert.True((await call.WaitAsync(TimeSpan.FromSeconds(10))).Ok);
        var requests = harness.Http.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(7), requests[1].At - requests[0].At);
        Assert.True(harness.Logs.Has(8200));
    }

    [Fact]
    public async Task CallAsync_429_PausesThatMethodOnly()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (request, _) => Task.FromResult(request is { Method: "chat.update", Nth: 0 } ? ScriptedHttp.RateLimited(30) : ScriptedHttp.Json("""{"ok":true,"user":{"id":"U1"}}"""));

        var limited = harness.Client.CallAsync("chat.update", null, default);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        var other = await harness.Client.CallAsync("users.info", new JsonObject { ["user"] = "U1" }, default);
        var sameMethod = harness.Client.CallAsync("chat.update", null, default);

        Assert.True(other.Ok);
        Assert.False(sameMethod.IsCompleted);
        Assert.Single(harness.Http.To("chat.update"));
        await harness.DriveAsync(Task.WhenAll(limited, sameMethod).ContinueWith(_ => true, TaskScheduler.Default));
        Assert.All(harness.Http.To("chat.update").Skip(1), r => Assert.True(r.At >= harness.Time.Start + TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task CallAsync_429EveryTime_GivesUpAsRateLimitedAfterTheBoundedRetries()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.RateLimited(2));

        var result = await harness.DriveAsync(harness.Client.CallAsync("views.open", null, default));

        Assert.Equal(SlackApiFailure.RateLimited, result.Failure);
        Assert.Equal("ratelimited", result.Error);
        Assert.Equal(harness.Limits.MaxRateLimitRetries + 1, harness.Http.Requests.Count);
    }

    [Fact]
    public async Task CallAsync_429WithoutRetryAfter_WaitsTheDefault()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (request, _) => Task.FromResult(request.Nth == 0
            ? ScriptedHttp.Json("""{"ok":false,"error":"ratelimited"}""", HttpStatusCode.TooManyRequests)
            : ScriptedHttp.Json("""{"ok":true}"""));

        var call = harness.Client.CallAsync("chat.update", null, default);

        await harness.Time.WaitForTimerAsync(harness.Limits.DefaultRetryAfter);
        harness.Time.Advance(harness.Limits.DefaultRetryAfter);
        Assert.True((await call.WaitAsync(TimeSpan.FromSeconds(10))).Ok);
    }

    [Fact]
    public async Task CallAsync_ServerErrorThenOk_RetriedAfterAJitteredBackoff()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (request, _) => Task.FromResult(request.Nth == 0 ? ScriptedHttp.Json("oops", HttpStatusCode.ServiceUnavailable) : ScriptedHttp.Json("""{"ok":true}"""));

        var call = harness.Client.CallAsync("chat.update", null, default);

        // 1 s × 2^0 × (1 + 0.5 jitter)
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        harness.Time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True((await call.WaitAsync(TimeSpan.FromSeconds(10))).Ok);
        Assert.Equal(2, harness.Http.Requests.Count);
    }

    [Fact]
    public async Task CallAsync_ServerErrorEveryTime_ServerErrorAfterTheBoundedRetries()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json("", HttpStatusCode.BadGateway));

        var result = await harness.DriveAsync(harness.Client.CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1" }, default));

        Assert.Equal(SlackApiFailure.ServerError, result.Failure);
        Assert.Equal(502, result.StatusCode);
        Assert.Equal(harness.Limits.MaxServerRetries + 1, harness.Http.Requests.Count);
    }

    [Fact]
    public async Task CallAsync_NetworkError_RetriedThenReportedWithoutTheToken()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused: Bearer " + ApiHarness.BotToken);

        var result = await harness.DriveAsync(harness.Client.CallAsync("users.info", new JsonObject { ["user"] = "U1" }, default));

        Assert.Equal(SlackApiFailure.Network, result.Failure);
        Assert.Equal("network_error", result.Error);
        Assert.Equal(harness.Limits.MaxServerRetries + 1, harness.Http.Requests.Count);
    }

    [Fact]
    public async Task CallAsync_NoAnswerForAPostMessage_TimesOutAndIsNotSentTwice()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, cancellationToken) => ScriptedHttp.Hang(cancellationToken);

        var call = harness.Client.CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C1" }, default);
        await harness.Time.WaitForTimerAsync(harness.Limits.RequestTimeout);
        harness.Time.Advance(harness.Limits.RequestTimeout);

        var result = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SlackApiFailure.Timeout, result.Failure);
        Assert.Single(harness.Http.Requests);
    }

    [Fact]
    public async Task CallAsync_NoAnswerForARead_TimesOutAndIsRetried()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (request, cancellationToken) => request.Nth == 0
            ? ScriptedHttp.Hang(cancellationToken)
            : Task.FromResult(ScriptedHttp.Json("""{"ok":true}"""));

        var call = harness.Client.CallAsync("users.info", new JsonObject { ["user"] = "U1" }, default);
        await harness.Time.WaitForTimerAsync(harness.Limits.RequestTimeout);
        harness.Time.Advance(harness.Limits.RequestTimeout);
        var result = await harness.DriveAsync(call);

        Assert.True(result.Ok);
        Assert.Equal(2, harness.Http.Requests.Count);
    }

    [Fact]
    public async Task CallAsync_CallerCancels_Throws()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, cancellationToken) => ScriptedHttp.Hang(cancellationToken);
        using var cancel = new CancellationTokenSource();

        var call = harness.Client.CallAsync("users.info", null, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"no_ok":1}""")]
    public async Task CallAsync_200WithoutOk_IsAnInvalidResponse(string body)
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json(body));

        var result = await harness.Client.CallAsync("auth.test", null, default);

        Assert.Equal(SlackApiFailure.InvalidResponse, result.Failure);
        Assert.Single(harness.Http.Requests);
    }

    [Fact]
    public async Task CallAsync_404_IsAnHttpErrorNotRetried()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json("""{"ok":false,"error":"unknown_method"}""", HttpStatusCode.NotFound));

        var result = await harness.Client.CallAsync("no.such", null, default);

        Assert.Equal(SlackApiFailure.HttpError, result.Failure);
        Assert.Equal("unknown_method", result.Error);
        Assert.Single(harness.Http.Requests);
    }

    [Fact]
    public async Task PostToResponseUrl_PostsJsonWithoutAToken_AndAcceptsAPlainOk()
    {
        using var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
        var url = new Uri("https://hooks.slack.test/commands/T1/1/secret-path");

        var result = await harness.Client.PostToResponseUrlAsync(url, new JsonObject { ["text"] = "Later reply", ["response_type"] = "ephemeral" }, default);

        Assert.True(result.Ok);
        var request = Assert.Single(harness.Http.Requests);
        Assert.Equal(url, request.Uri);
        Assert.Null(request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("Later reply", (string?)JsonNode.Parse(request.Body)!["text"]);
    }

    [Fact]
    public async Task PostToResponseUrl_SixthUseWithinThirtyMinutes_RefusedWithoutARequest_ThenCountsAfresh()
    {
        using var harness = new ApiHarness();
        var url = new Uri("https://hooks.slack.test/actions/T1/2/secret-path");

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await harness.Client.PostToResponseUrlAsync(url, new JsonObject { ["text"] = "x" }, default)).Ok);
        }

        var sixth = await harness.Client.PostToResponseUrlAsync(url, new JsonObject { ["text"] = "x" }, default);
        var other = await harness.Client.PostToResponseUrlAsync(new Uri("https://hooks.slack.test/actions/T1/3/other"), new JsonObject { ["text"] = "x" }, default);
        harness.Time.Advance(TimeSpan.FromMinutes(31));
        var later = await harness.Client.PostToResponseUrlAsync(url, new JsonObject { ["text"] = "x" }, default);

        Assert.Equal("response_url_exhausted", sixth.Error);
        Assert.True(other.Ok);
        Assert.True(later.Ok);
        Assert.Equal(7, harness.Http.Requests.Count);
        Assert.DoesNotContain("secret-path", harness.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_TierBudget_NeverMoreThanTheBudgetInAMinuteAndSpreadOut()
    {
        using var harness = new ApiHarness(new SlackApiLimits { Tier3PerMinute = 4, Random = () => 0.5 });
        var sent = harness.WatchGrants("method:chat.update");

        var calls = Enumerable.Range(0, 9).Select(_ => harness.Client.CallAsync("chat.update", null, default)).ToList();
        await harness.DriveAsync(Task.WhenAll(calls));

        var times = sent.Order().ToList();
        Assert.Equal(9, times.Count);
        Assert.Equal(9, harness.Http.Requests.Count);
        for (var i = 4; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 4] >= TimeSpan.FromMinutes(1), $"5 calls within {times[i] - times[i - 4]}");
        }

        // Half an average slot apart: 60 s / 4 / 2.
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(7.5)));
    }

    [Fact]
    public async Task PostMessage_FanOutAcrossChannels_NoChannelGetsTwoWithinASecondAndChannelsDoNotWaitForEachOther()
    {
        using var harness = new ApiHarness();
        var perChannel = Enumerable.Range(0, 10).Select(i => harness.WatchGrants($"channel:C{i}")).ToList();
        harness.Http.Respond = (request, _) =>
        {
            var channel = (string)JsonNode.Parse(request.Body)!["channel"]!;
            return Task.FromResult(ScriptedHttp.Json($$"""{"ok":true,"channel":"{{channel}}","ts":"1.{{request.Nth}}"}"""));
        };

        var posts = Enumerable.Range(0, 30)
            .Select(i => harness.Client.CallAsync("chat.postMessage", new JsonObject { ["channel"] = $"C{i % 10}", ["text"] = "Q" }, default))
            .ToList();
        var results = await harness.DriveAsync(Task.WhenAll(posts));

        Assert.All(results, r => Assert.True(r.Ok));
        Assert.Equal(30, harness.Http.Requests.Count);
        foreach (var channel in perChannel)
        {
            var times = channel.Order().ToList();
            Assert.Equal(3, times.Count);
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"{pair.Second - pair.First} apart"));
        }

        // Ten channels × three posts: a few seconds of per-channel spacing, not thirty of one queue.
        Assert.True(harness.Time.GetUtcNow() - harness.Time.Start < TimeSpan.FromSeconds(10), $"took {harness.Time.GetUtcNow() - harness.Time.Start}");
    }
}
