using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>The REST client against the loopback fake's rate limits: 429s per bucket, global, and without headers.</summary>
public sealed class LoopbackRestTests : IAsyncLifetime, IDisposable
{
    private FakeDiscord fake = null!;
    private DiscordRestClient rest = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeDiscord.StartAsync();
        var options = Options.Create(new DiscordOptions { Token = fake.Token, ApiBaseUrl = fake.ApiBaseUrl });
        rest = new DiscordRestClient(new HttpClient(), options, TimeProvider.System, new ListLogger<DiscordRestClient>())
        {
            CloudflareCooldown = TimeSpan.FromSeconds(1),
        };
    }

    public async Task DisposeAsync() => await fake.DisposeAsync();

    public void Dispose() => rest.Dispose();

    private static JsonObject Message(string text) => new()
    {
        ["content"] = text,
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
    };

    private Task<RestResponse> PostAsync(string channel, string text) =>
        rest.SendAsync(HttpMethod.Post, $"channels/{channel}/messages", Message(text), CancellationToken.None);

    private List<RecordedRequest> To(string path) => [.. fake.Requests.Where(r => r.Path == path)];

    [Fact]
    public async Task BucketRateLimited_WaitsRetryAfterAndSendsNothingToThatBucketMeanwhile()
    {
        fake.Enqueue429("/channels/111/messages", TimeSpan.FromMilliseconds(800), global: false);

        var limited = PostAsync("111", "first");
        await fake.WaitForRequestAsync(r => r.ResponseStatus == 429);
        var other = await PostAsync("222", "other channel, other bucket");
        var retried = await limited;

        Assert.True(other.IsSuccess);
        Assert.True(retried.IsSuccess);
        var toLimited = To("/channels/111/messages");
        Assert.Equal(2, toLimited.Count);
        Assert.True(toLimited[1].ReceivedAt - toLimited[0].ReceivedAt >= TimeSpan.FromMilliseconds(750), $"retried after {toLimited[1].ReceivedAt - toLimited[0].ReceivedAt}");
        Assert.True(To("/channels/222/messages")[0].ReceivedAt < toLimited[1].ReceivedAt, "the other bucket did not wait");
    }

    [Fact]
    public async Task GlobalRateLimited_PausesEveryRouteButInteractionCallbacks()
    {
        fake.Enqueue429("/channels/111/messages", TimeSpan.FromMilliseconds(800), global: true);

        var limited = PostAsync("111", "first");
        var hit = await fake.WaitForRequestAsync(r => r.ResponseStatus == 429);

        // The fake records its 429 before the client has read it; a request sent in between cannot know of the pause.
        var reading = System.Diagnostics.Stopwatch.StartNew();
        while (rest.GlobalPausedUntil < hit.ReceivedAt && reading.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Yield();
        }

        var other = PostAsync("222", "must wait for the global limit");
        // No gateway here, so the fake knows no such interaction (404): what matters is when the callback got through.
        var callback = await rest.SendAsync(
            HttpMethod.Post,
            "interactions/1380000000000009999/unknown-token/callback",
            new JsonObject { ["type"] = 4, ["data"] = Message("exempt") },
            CancellationToken.None);
        await Task.WhenAll(limited, other);

        Assert.Equal(RestFailure.NotFound, callback.Failure);
        var callbackAt = fake.Requests.Single(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ReceivedAt;
        Assert.True(callbackAt - hit.ReceivedAt < TimeSpan.FromMilliseconds(700), "interaction callbacks are exempt from the global limit");
        Assert.True(To("/channels/222/messages")[0].ReceivedAt - hit.ReceivedAt >= TimeSpan.FromMilliseconds(750), "other routes waited for the global retry_after");
    }

    [Fact]
    public async Task HtmlTooManyRequests_CoolsDownInsteadOfRetryingAtOnce()
    {
        fake.EnqueueHtml429("/channels/111/messages");

        var result = await PostAsync("111", "behind a Cloudflare block");

        Assert.True(result.IsSuccess);
        var attempts = To("/channels/111/messages");
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(950), "waited the cooldown");
        Assert.Equal(1, rest.CloudflareBlockCount);
    }

    [Fact]
    public async Task ForbiddenChannel_ComesBackAsAValueWithoutRetries()
    {
        fake.ForbidChannel("333");

        var result = await PostAsync("333", "no access");

        Assert.Equal(RestFailure.Forbidden, result.Failure);
        Assert.Single(To("/channels/333/messages"));
    }
}
