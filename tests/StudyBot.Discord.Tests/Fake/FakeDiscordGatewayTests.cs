using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

public sealed class FakeDiscordGatewayTests
{
    [Fact]
    public async Task Connect_HelloIdentifyHeartbeat_ReadyThenAck()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = await RawGatewayClient.ConnectAsync(fake.GatewayUrl + "?v=10&encoding=json");

        var hello = await client.ReceiveAsync();
        Assert.Equal(10, hello!["op"]!.GetValue<int>());
        Assert.Equal(45000, hello["d"]!["heartbeat_interval"]!.GetValue<int>());

        await client.SendAsync(RawGatewayClient.Identify(fake.Token, intents: 513));
        var ready = await client.ReceiveAsync();
        Assert.Equal("READY", ready!["t"]!.GetValue<string>());
        Assert.Equal(1, ready["s"]!.GetValue<long>());
        var d = ready["d"]!;
        Assert.Equal(10, d["v"]!.GetValue<int>());
        Assert.True(d["user"]!["bot"]!.GetValue<bool>());
        Assert.Equal(fake.ResumeGatewayUrl, d["resume_gateway_url"]!.GetValue<string>());
        Assert.Equal(fake.ApplicationId, d["application"]!["id"]!.GetValue<string>());
        Assert.Equal(fake.SessionId, d["session_id"]!.GetValue<string>());
        Assert.True(d["guilds"]![0]!["unavailable"]!.GetValue<bool>());

        await client.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 1 });
        var ack = await client.ReceiveAsync();
        Assert.Equal(11, ack!["op"]!.GetValue<int>());

        var connection = await fake.WaitForConnectionAsync(0);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.StartsWith("DiscordBot (", connection.UserAgent, StringComparison.Ordinal);
        Assert.Equal(513, connection.Identify!["intents"]!.GetValue<int>());
        Assert.Equal(1, (await connection.WaitForHeartbeatAsync(0)).Sequence);
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task Heartbeat_AcksSwitchedOff_NoAckArrives()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.AcknowledgeHeartbeats = false;
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;

        await client.SendAsync(new JsonObject { ["op"] = 1, ["d"] = 1 });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Single(fake.Connections[0].Heartbeats.Snapshot());
    }

    [Fact]
    public async Task RequestHeartbeat_ServerSendsOp1_ClientSeesIt()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;

        await fake.RequestHeartbeatAsync();

        Assert.Equal(1, (await client.ReceiveAsync())!["op"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resume_KnownSession_ReplaysMissedDispatchesThenResumed()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (first, ready) = await RawGatewayClient.IdentifyAsync(fake);
        var sessionId = ready["d"]!["session_id"]!.GetValue<string>();
        await fake.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });
        Assert.Equal(2, (await first.ReceiveAsync())!["s"]!.GetValue<long>());

        await first.CloseAsync(4000);
        first.Dispose();
        await (await fake.WaitForConnectionAsync(0)).WaitForCloseAsync();
        await fake.DispatchAsync("MESSAGE_CREATE", new JsonObject { ["id"] = "3" });
        await fake.DispatchAsync("MESSAGE_CREATE", new JsonObject { ["id"] = "4" });

        using var second = await RawGatewayClient.ConnectAsync(fake.ResumeGatewayUrl + "?v=10&encoding=json");
        await second.ReceiveAsync();
        await second.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = fake.Token, ["session_id"] = sessionId, ["seq"] = 2 },
        });

        var replayed = new[] { await second.ReceiveAsync(), await second.ReceiveAsync(), await second.ReceiveAsync() };
        Assert.Equal(["MESSAGE_CREATE", "MESSAGE_CREATE", "RESUMED"], replayed.Select(p => p!["t"]!.GetValue<string>()));
        Assert.Equal([3L, 4L, 5L], replayed.Select(p => p!["s"]!.GetValue<long>()));
        Assert.Equal(4000, fake.Connections[0].ClientCloseCode);
        Assert.Equal("/resume", fake.Connections[1].Path);
        Assert.Equal(1, fake.ResumeCount);
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task Resume_UnknownSession_InvalidSessionNotResumable()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = await RawGatewayClient.ConnectAsync(fake.ResumeGatewayUrl + "?v=10&encoding=json");
        await client.ReceiveAsync();

        await client.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = fake.Token, ["session_id"] = "nope", ["seq"] = 1 },
        });

        var invalid = await client.ReceiveAsync();
        Assert.Equal(9, invalid!["op"]!.GetValue<int>());
        Assert.False(invalid["d"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Resume_AfterClientClosedWith1000_InvalidSession()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (first, ready) = await RawGatewayClient.IdentifyAsync(fake);
        await first.CloseAsync(1000);
        first.Dispose();
        await fake.Connections[0].WaitForCloseAsync();

        using var second = await RawGatewayClient.ConnectAsync(fake.ResumeGatewayUrl + "?v=10&encoding=json");
        await second.ReceiveAsync();
        await second.SendAsync(new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = fake.Token, ["session_id"] = ready["d"]!["session_id"]!.DeepClone(), ["seq"] = 1 },
        });

        Assert.Equal(9, (await second.ReceiveAsync())!["op"]!.GetValue<int>());
    }

    [Fact]
    public async Task Identify_WrongToken_Closes4004()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = await RawGatewayClient.ConnectAsync(fake.GatewayUrl + "?v=10&encoding=json");
        await client.ReceiveAsync();

        await client.SendAsync(RawGatewayClient.Identify("wrong-token", 1));

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4004, client.CloseCode);
    }

    [Fact]
    public async Task Identify_PrivilegedIntentNotEnabled_Closes4014()
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.PrivilegedIntentsEnabled = false;
        using var client = await RawGatewayClient.ConnectAsync(fake.GatewayUrl + "?v=10&encoding=json");
        await client.ReceiveAsync();

        await client.SendAsync(RawGatewayClient.Identify(fake.Token, 1 | 2));

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4014, client.CloseCode);
    }

    [Fact]
    public async Task Connect_WithoutVersionQuery_Closes4012AndRecordsQuery()
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var client = await RawGatewayClient.ConnectAsync(fake.ResumeGatewayUrl);

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4012, client.CloseCode);
        Assert.Equal("", fake.Connections[0].Query);
    }

    [Fact]
    public async Task SendRaw_Malformed_ClientReceivesTextAsIs()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;

        await fake.SendRawAsync("{\"op\":0,\"d\":{\"broken\":true},\"s\":2,\"t\":\"THING\"}");

        Assert.True((await client.ReceiveAsync())!["d"]!["broken"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ServerScripts_ReconnectInvalidSessionClose_ReachTheClient()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;

        await fake.SendReconnectAsync();
        await fake.SendInvalidSessionAsync(resumable: true);
        await fake.CloseAsync(4009);

        Assert.Equal(7, (await client.ReceiveAsync())!["op"]!.GetValue<int>());
        var invalid = await client.ReceiveAsync();
        Assert.Equal(9, invalid!["op"]!.GetValue<int>());
        Assert.True(invalid["d"]!.GetValue<bool>());
        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4009, client.CloseCode);
    }

    [Fact]
    public async Task DispatchInteraction_SlashCommand_ArrivesAsInteractionCreate()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        using var _client = client;
        var command = fake.Interactions.SlashCommand("timezone", ("zone", 3, "Europe/Berlin"));

        var interaction = await fake.DispatchInteractionAsync(command);

        var received = await client.ReceiveAsync();
        Assert.Equal("INTERACTION_CREATE", received!["t"]!.GetValue<string>());
        var d = received["d"]!;
        Assert.Equal(2, d["type"]!.GetValue<int>());
        Assert.Equal("Europe/Berlin", d["data"]!["options"]![0]!["value"]!.GetValue<string>());
        Assert.IsType<string>(d["member"]!["permissions"]!.GetValue<string>());
        Assert.Equal(interaction.Id, d["id"]!.GetValue<string>());
    }
}
