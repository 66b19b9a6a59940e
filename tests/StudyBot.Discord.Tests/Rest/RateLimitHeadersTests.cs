using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Rest;

public sealed class RateLimitHeadersTests
{
    [Fact]
    public void Parse_RawValues_ReadsEachHeaderAsDiscordSendsIt()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Bucket", "abcd1234");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", " 0");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", "1.25");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Global", "true");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Scope", "shared");
        response.Headers.TryAddWithoutValidation("Retry-After", "3");

        var headers = RateLimitHeaders.Parse(response.Headers);

        Assert.Equal(
            new RateLimitHeaders("abcd1234", 0, TimeSpan.FromSeconds(1.25), IsGlobal: true, "shared", TimeSpan.FromSeconds(3), HasAny: true),
            headers);
    }

    [Fact]
    public void Parse_NoRateLimitHeaders_HasNoneAndNoValues()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.NoContent);
        response.Headers.TryAddWithoutValidation("Via", "1.1 proxy");
        response.Headers.TryAddWithoutValidation("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT");

        var headers = RateLimitHeaders.Parse(response.Headers);

        Assert.Equal(new RateLimitHeaders(null, null, null, IsGlobal: false, null, null, HasAny: false), headers);
    }
}
