using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Rest;

public class RouteKeyTests
{
    [Theory]
    [InlineData("POST", "channels/123/messages", "POST channels/{id}/messages", "channels/123", false)]
    [InlineData("PATCH", "channels/123/messages/456", "PATCH channels/{id}/messages/{id}", "channels/123", false)]
    [InlineData("PUT", "channels/1/messages/2/reactions/%E2%9C%85/@me", "PUT channels/{id}/messages/{id}/reactions/{emoji}/@me", "channels/1", false)]
    [InlineData("GET", "guilds/9/members?limit=5", "GET guilds/{id}/members", "guilds/9", false)]
    [InlineData("POST", "interactions/7/secret-token/callback", "POST interactions/{id}/{token}/callback", "interactions/7/secret-token", true)]
    [InlineData("POST", "webhooks/8/secret-token?wait=true", "POST webhooks/{id}/{token}", "webhooks/8/secret-token", true)]
    [InlineData("PUT", "applications/5/guilds/6/commands", "PUT applications/{id}/guilds/{id}/commands", "", false)]
    public void From_Path_ReplacesIdsButKeepsTheMajorParameter(string method, string path, string template, string major, bool exempt)
    {
        var route = RouteKey.From(new HttpMethod(method), path);

        Assert.Equal(template, route.Template);
        Assert.Equal(major, route.Major);
        Assert.Equal(exempt, route.IsGlobalExempt);
    }

    [Fact]
    public void From_DifferentChannels_GiveDifferentBucketKeys()
    {
        var one = RouteKey.From(HttpMethod.Post, "channels/1/messages");
        var two = RouteKey.From(HttpMethod.Post, "channels/2/messages");

        Assert.Equal(one.Template, two.Template);
        Assert.NotEqual(one.BucketKey, two.BucketKey);
    }
}
