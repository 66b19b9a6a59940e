using System.Text.Json.Nodes;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Gateway;

public class GatewayPayloadsTests
{
    [Theory]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway.discord.gg/", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway-us-east1-b.discord.gg", "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://fake.test/gw", "wss://fake.test/gw?v=10&encoding=json")]
    [InlineData("wss://fake.test/?shard=1", "wss://fake.test/?shard=1&v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5123/gateway", "ws://127.0.0.1:5123/gateway?v=10&encoding=json")]
    public void WithVersion_AnyGatewayUrl_AppendsVersionAndEncodingOnce(string url, string expected) =>
        Assert.Equal(expected, GatewayPayloads.WithVersion(url).AbsoluteUri);

    [Fact]
    public void Resume_SessionAndSequence_AllThreeFields()
    {
        var payload = JsonNode.Parse(GatewayPayloads.Resume("t", "s-1", 42))!;

        Assert.Equal(6, (int)payload["op"]!);
        Assert.Equal("t", (string?)payload["d"]!["token"]);
        Assert.Equal("s-1", (string?)payload["d"]!["session_id"]);
        Assert.Equal(42, (long)payload["d"]!["seq"]!);
    }

    [Fact]
    public void Identify_TokenAndIntents_AlsoAnnouncesTheBotOnline()
    {
        var payload = JsonNode.Parse(GatewayPayloads.Identify("t", 513))!;

        Assert.Equal(2, (int)payload["op"]!);
        Assert.Equal(513, (int)payload["d"]!["intents"]!);
        var presence = payload["d"]!["presence"]!;
        Assert.Equal("online", (string?)presence["status"]);
        Assert.False((bool)presence["afk"]!);
        Assert.Null(presence["since"]);
        Assert.Empty(presence["activities"]!.AsArray());
    }
}
