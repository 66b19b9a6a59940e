using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeDiscordRestTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Request_WithoutBotToken_401JsonError()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(fake.ApiBaseUrl + "/gateway/bot"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, (await ReadJsonAsync(response))["code"]!.GetValue<int>());
        Assert.Equal(401, fake.Requests.Single().ResponseStatus);
    }

    [Fact]
    public async Task GetGatewayBot_Authorized_ReportsGatewayUrlAndSessionStartLimit()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = Client(fake);

        using var response = await http.GetAsync(new Uri(fake.ApiBaseUrl + "/gateway/bot"));

        var body = await ReadJsonAsync(response);
        Assert.Equal(fake.GatewayUrl, body["url"]!.GetValue<string>());
        Assert.Equal(1, body["session_start_limit"]!["max_concurrency"]!.GetValue<int>());
        Assert.Equal(1000, body["session_start_limit"]!["remaining"]!.GetValue<int>());
        Assert.True(response.Headers.Contains("X-RateLimit-Bucket"));
    }

    [Fact]
    public async Task UnknownRoute_Any_404JsonNotFound()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = Client(fake);

        using var response = await http.GetAsync(new Uri(fake.ApiBaseUrl + "/users/@me/guilds"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404: Not Found", (await ReadJsonAsync(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateMessage_Valid_200MessageWithRateLimitHeadersAndNoViolations()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = Client(fake);

        using var response = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await ReadJsonAsync(response);
        Assert.Equal("10", message["channel_id"]!.GetValue<string>());
        Assert.Equal("hello", message["content"]!.GetValue<string>());
        foreach (var header in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket" })
        {
            Assert.True(response.Headers.Contains(header), header);
        }

        Assert.Single(fake.Messages);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task CreateMessage_OverChannelBucket_429UserScopeAndOtherChannelUnaffected()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscord.StartAsync(clock);
        fake.SetRateLimit(FakeRoutes.CreateMessage, 5, TimeSpan.FromSeconds(5));
        using var http = Client(fake);

        for (var i = 0; i < 5; i++)
        {
            using var ok = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message($"m{i}"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("one too many"));
        using var other = await PostAsync(http, fake.ApiBaseUrl + "/channels/11/messages", Message("elsewhere"));
        clock.Advance(TimeSpan.FromSeconds(5));
        using var later = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("after reset"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var body = await ReadJsonAsync(limited);
        Assert.False(body["global"]!.GetValue<bool>());
        Assert.Equal(5.0, body["retry_after"]!.GetValue<double>(), 3);
        Assert.Equal("user", limited.Headers.GetValues("X-RateLimit-Scope").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, fake.TooManyRequestsSent);
        Assert.Equal(7, fake.RequestTimesForBucket(FakeDiscord.BucketOf(FakeRoutes.CreateMessage, "10")).Count);
    }

    [Fact]
    public async Task GlobalLimit_BeyondLPerSecond_429GlobalButInteractionRoutesExempt()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscord.StartAsync(clock);
        fake.GlobalRequestsPerSecond = 3;
        using var http = Client(fake);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var response = await PostAsync(http, fake.ApiBaseUrl + $"/channels/{20 + i}/messages", Message("hi"));
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                var body = await ReadJsonAsync(response);
                Assert.True(body["global"]!.GetValue<bool>());
                Assert.Equal("You are being rate limited.", body["message"]!.GetValue<string>());
                Assert.Equal("true", response.Headers.GetValues("X-RateLimit-Global").Single());
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }

        using var exempt = await PostAsync(http, fake.ApiBaseUrl + "/interactions/1/abc/callback", new JsonObject { ["type"] = 6 });
        clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await PostAsync(http, fake.ApiBaseUrl + "/channels/30/messages", Message("hi"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, exempt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextSecond.StatusCode);
    }

    [Fact]
    public async Task CreateMessage_SameEnforcedNonce_ReturnsExistingMessageUntilMemoryEnds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscord.StartAsync(clock);
        using var http = Client(fake);
        var body = Message("daily question");
        body["nonce"] = "daily-2026-01-05";
        body["enforce_nonce"] = true;

        using var first = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", body);
        using var repeat = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", body);
        using var otherChannel = await PostAsync(http, fake.ApiBaseUrl + "/channels/11/messages", body);
        var firstId = (await ReadJsonAsync(first))["id"]!.GetValue<string>();
        var repeatId = (await ReadJsonAsync(repeat))["id"]!.GetValue<string>();
        clock.Advance(fake.NonceMemory + TimeSpan.FromSeconds(1));
        using var muchLater = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", body);

        Assert.Equal(firstId, repeatId);
        Assert.Equal("daily-2026-01-05", (await ReadJsonAsync(first))["nonce"]!.GetValue<string>());
        Assert.NotEqual(firstId, (await ReadJsonAsync(muchLater))["id"]!.GetValue<string>());
        Assert.Equal(3, fake.Messages.Count);
    }

    [Fact]
    public async Task CreateMessage_ScriptedChannels_403MissingPermissionsAnd404UnknownChannel()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.ForbidChannel("40");
        fake.MarkChannelUnknown("44");
        using var http = Client(fake);

        using var forbidden = await PostAsync(http, fake.ApiBaseUrl + "/channels/40/messages", Message("x"));
        using var unknown = await PostAsync(http, fake.ApiBaseUrl + "/channels/44/messages", Message("x"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(50013, (await ReadJsonAsync(forbidden))["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(10003, (await ReadJsonAsync(unknown))["code"]!.GetValue<int>());
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task ScriptedResponses_429Html429And502_SentOnceEachInOrder()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.Enqueue429("/channels/10", TimeSpan.FromSeconds(2.5), global: true);
        fake.EnqueueHtml429("/channels/10");
        fake.EnqueueStatus("/channels/10", 502);
        using var http = Client(fake);

        using var global = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("a"));
        using var html = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("a"));
        using var badGateway = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("a"));
        using var ok = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", Message("a"));

        var globalBody = await ReadJsonAsync(global);
        Assert.Equal(2.5, globalBody["retry_after"]!.GetValue<double>(), 3);
        Assert.True(globalBody["global"]!.GetValue<bool>());
        Assert.Equal("3", global.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, html.StatusCode);
        Assert.Contains("error code: 1015", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(html.Headers, h => h.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.BadGateway, badGateway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, fake.TooManyRequestsSent);
    }

    [Fact]
    public async Task InteractionCallback_WithinDeadline_204ThenSecond40060()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscord.StartAsync(clock);
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;
        var interaction = await fake.DispatchInteractionAsync(fake.Interactions.SlashCommand("daily"));
        using var http = new HttpClient();
        var url = $"{fake.ApiBaseUrl}/interactions/{interaction.Id}/{interaction.Token}/callback";
        var modal = new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = "answer",
                ["title"] = "Your answer",
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = 18,
                    ["label"] = "Answer",
                    ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = "text", ["style"] = 2 },
                }),
            },
        };

        clock.Advance(TimeSpan.FromSeconds(2.9));
        using var first = await PostAsync(http, url, modal);
        using var second = await PostAsync(http, url, modal);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(9, interaction.AcknowledgedWith);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(40060, (await ReadJsonAsync(second))["code"]!.GetValue<int>());
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task InteractionCallback_LaterThan3Seconds_404UnknownInteraction()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeDiscord.StartAsync(clock);
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;
        var interaction = await fake.DispatchInteractionAsync(fake.Interactions.ButtonClick("answer:1"));
        using var http = Client(fake);

        clock.Advance(TimeSpan.FromSeconds(3.1));
        using var late = await PostAsync(http, $"{fake.ApiBaseUrl}/interactions/{interaction.Id}/{interaction.Token}/callback", new JsonObject { ["type"] = 6 });

        Assert.Equal(Start, interaction.DispatchedAt);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(10062, (await ReadJsonAsync(late))["code"]!.GetValue<int>());
        Assert.Null(interaction.AcknowledgedWith);
    }

    [Fact]
    public async Task DeferThenEditOriginalAndFollowUp_200MessagesRecordedOnTheInteraction()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;
        var interaction = await fake.DispatchInteractionAsync(fake.Interactions.SlashCommand("streak"));
        using var http = new HttpClient();

        using var defer = await PostAsync(http, $"{fake.ApiBaseUrl}/interactions/{interaction.Id}/{interaction.Token}/callback",
            new JsonObject { ["type"] = 5, ["data"] = new JsonObject { ["flags"] = 64 } });
        using var edit = await SendAsync(http, HttpMethod.Patch, $"{fake.ApiBaseUrl}/webhooks/{fake.ApplicationId}/{interaction.Token}/messages/@original",
            Message("Your streak: 3 days"));
        using var followup = await PostAsync(http, $"{fake.ApiBaseUrl}/webhooks/{fake.ApplicationId}/{interaction.Token}", Message("Keep going"));
        using var wrongApp = await PostAsync(http, $"{fake.ApiBaseUrl}/webhooks/999/{interaction.Token}", Message("x"));

        Assert.Equal(HttpStatusCode.NoContent, defer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("Your streak: 3 days", interaction.Original!["content"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, followup.StatusCode);
        Assert.Single(interaction.Followups);
        Assert.Equal(HttpStatusCode.NotFound, wrongApp.StatusCode);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task BulkOverwrite_GlobalCommands_StoresAndReturnsThemWithIds()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = Client(fake);
        var commands = new JsonArray(
            new JsonObject { ["name"] = "daily", ["description"] = "Today's question", ["type"] = 1, ["default_member_permissions"] = "0" },
            new JsonObject { ["name"] = "streak", ["description"] = "Your streak", ["type"] = 1 });

        using var response = await SendAsync(http, HttpMethod.Put, $"{fake.ApiBaseUrl}/applications/{fake.ApplicationId}/commands", commands);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (JsonArray)(await ReadNodeAsync(response))!;
        Assert.Equal(2, stored.Count);
        Assert.All(stored, c => Assert.False(string.IsNullOrEmpty(c!["id"]!.GetValue<string>())));
        Assert.Equal("0", fake.Commands()![0]!["default_member_permissions"]!.GetValue<string>());
        Assert.Null(fake.Commands("1"));
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task StartThreadAndReact_OnAMessage_201ThreadWithMessageIdThen160004AndReaction204()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = Client(fake);

        using var thread = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages/77/threads",
            new JsonObject { ["name"] = "Answers", ["auto_archive_duration"] = 1440 });
        using var again = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages/77/threads", new JsonObject { ["name"] = "Answers" });
        using var reaction = await SendAsync(http, HttpMethod.Put, fake.ApiBaseUrl + "/channels/10/messages/77/reactions/%E2%9C%85/@me", null);

        Assert.Equal(HttpStatusCode.Created, thread.StatusCode);
        Assert.Equal("77", (await ReadJsonAsync(thread))["id"]!.GetValue<string>());
        Assert.Equal(160004, (await ReadJsonAsync(again))["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, reaction.StatusCode);
        Assert.Equal("✅", fake.Reactions.Single().Emoji);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task CreateMessage_BodyBreakingDocumentedLimits_RecordedInSpecViolations()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var http = Client(fake);

        using var response = await PostAsync(http, fake.ApiBaseUrl + "/channels/10/messages", new JsonObject { ["content"] = new string('x', 2001) });
        var request = await fake.WaitForRequestAsync(r => r.Path == "/channels/10/messages");

        Assert.Equal("x", request.Json!["content"]!.GetValue<string>()[..1]);
        Assert.Contains(fake.SpecViolations, v => v.StartsWith("POST /channels/10/messages: /content", StringComparison.Ordinal));
        Assert.Contains(fake.SpecViolations, v => v.Contains("allowed_mentions", StringComparison.Ordinal));
    }

    internal static JsonObject Message(string content) => new()
    {
        ["content"] = content,
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
    };

    private static HttpClient Client(FakeDiscord fake)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", fake.Token);
        return http;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, JsonNode body) => SendAsync(http, HttpMethod.Post, url, body);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(url));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) => (await ReadNodeAsync(response))!.AsObject();

    private static async Task<JsonNode?> ReadNodeAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync());
}
