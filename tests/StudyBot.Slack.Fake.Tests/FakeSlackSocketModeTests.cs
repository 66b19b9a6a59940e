using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

public sealed class FakeSlackSocketModeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Connect_FreshTicket_HelloWithConnectionFields()
    {
        await using var fake = await FakeSlack.StartAsync();

        var (client, hello) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _ = client;

        Assert.Equal("hello", hello["type"]!.GetValue<string>());
        Assert.Equal(1, hello["num_connections"]!.GetValue<int>());
        Assert.Equal(18060, hello["debug_info"]!["approximate_connection_time"]!.GetValue<int>());
        Assert.Equal(fake.AppId, hello["connection_info"]!["app_id"]!.GetValue<string>());
        Assert.Equal(1, fake.OpenConnectionCount);
    }

    [Fact]
    public async Task Connect_SecondConnection_NumConnectionsTwo()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (first, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _first = first;

        var (second, hello) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _second = second;

        Assert.Equal(2, hello["num_connections"]!.GetValue<int>());
        Assert.Equal(2, fake.OpenConnectionCount);
    }

    [Fact]
    public async Task Connect_DebugReconnects_ShortConnectionTime()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.AppToken);
        var url = (await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen)).Json!["url"]!.GetValue<string>();

        using var client = await RawSocketClient.ConnectAsync(url + "&debug_reconnects=true");

        Assert.Equal(360, (await client.ReceiveAsync())!["debug_info"]!["approximate_connection_time"]!.GetValue<int>());
    }

    [Fact]
    public async Task Connect_TicketUsedTwice_SecondUpgradeRefused()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.AppToken);
        var url = (await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen)).Json!["url"]!.GetValue<string>();
        using var first = await RawSocketClient.ConnectAsync(url);

        await Assert.ThrowsAsync<WebSocketException>(() => RawSocketClient.ConnectAsync(url));

        Assert.Equal(1, fake.RefusedConnectionAttempts);
        Assert.Single(fake.Connections);
    }

    [Fact]
    public async Task Connect_OverMaxConnections_DisconnectTooManyWebsocketsAndClose()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.MaxConnections = 1;
        var (first, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _first = first;

        using var second = await RawSocketClient.OpenAsync(fake);

        var refusal = await second.ReceiveAsync();
        Assert.Equal("disconnect", refusal!["type"]!.GetValue<string>());
        Assert.Equal("too_many_websockets", refusal["reason"]!.GetValue<string>());
        Assert.Null(await second.ReceiveAsync());
        Assert.Equal(1, fake.OpenConnectionCount);
        Assert.Null(fake.Connections[1].Hello);
    }

    [Fact]
    public async Task Push_SlashCommand_EnvelopeAsSlackSendsItAndAckRecordedInTime()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;

        var sent = await fake.PushAsync(fake.Payloads.SlashCommand("/study", "streak"));
        var frame = await client.ReceiveAsync();
        await client.AckAsync(frame!["envelope_id"]!.GetValue<string>(), new JsonObject { ["response_type"] = "ephemeral", ["text"] = "Your streak: 3 days" });
        var ack = await sent.WaitForAckAsync();

        Assert.Equal(EnvelopeTypes.SlashCommands, frame["type"]!.GetValue<string>());
        Assert.True(frame["accepts_response_payload"]!.GetValue<bool>());
        Assert.Null(frame["retry_attempt"]);
        var payload = frame["payload"]!;
        Assert.Equal("/study", payload["command"]!.GetValue<string>());
        Assert.Equal("streak", payload["text"]!.GetValue<string>());
        Assert.Equal("false", payload["is_enterprise_install"]!.GetValue<string>());
        Assert.StartsWith(fake.BaseUrl + "/commands/", payload["response_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(payload["trigger_id"]!.GetValue<string>()));
        Assert.Equal(sent.EnvelopeId, ack.EnvelopeId);
        Assert.True(ack.WithinDeadline);
        Assert.True(ack.OnDeliveringConnection);
        Assert.True(sent.AckedWithinDeadline);
        Assert.Equal("Your streak: 3 days", ack.Payload!["text"]!.GetValue<string>());
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Ack_AfterDeadline_RecordedAsLate()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        var frame = await client.ReceiveAsync();

        clock.Advance(TimeSpan.FromSeconds(3.5));
        Assert.True(sent.DeadlineMissed);
        await client.AckAsync(frame!["envelope_id"]!.GetValue<string>());
        var ack = await sent.WaitForAckAsync();

        Assert.Equal(TimeSpan.FromSeconds(3.5), ack.Latency);
        Assert.False(ack.WithinDeadline);
        Assert.False(sent.AckedWithinDeadline);
        Assert.Single(sent.Deliveries);
    }

    [Fact]
    public async Task Ack_Twice_SecondMarkedDuplicate()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.MessageEvent("hi"));
        var id = (await client.ReceiveAsync())!["envelope_id"]!.GetValue<string>();

        await client.AckAsync(id);
        await client.AckAsync(id);
        var second = await fake.WaitForAckAsync(a => a.Duplicate);

        Assert.Equal(id, second.EnvelopeId);
        Assert.False(sent.Ack!.Duplicate);
    }

    [Fact]
    public async Task Ack_OnAnotherConnection_CountedButFlagged()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (first, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _first = first;
        var (second, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _second = second;
        var sent = await fake.PushAsync(fake.Payloads.MessageEvent("hi"), to: fake.Connections[0]);
        var id = (await first.ReceiveAsync())!["envelope_id"]!.GetValue<string>();

        await second.AckAsync(id);
        var ack = await sent.WaitForAckAsync();

        Assert.False(ack.OnDeliveringConnection);
        Assert.Equal(1, ack.ConnectionIndex);
    }

    [Fact]
    public async Task Event_NeverAcked_ThreeRetriesWithTimeoutReasonThenGivesUp()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.MessageEvent("answer 42"));
        var frames = new List<JsonObject> { (await client.ReceiveAsync())! };

        // EVDOC's schedule after each 3 s miss: at once, after 1 min, after 5 min.
        foreach (var retryDelay in new[] { TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5) })
        {
            clock.Advance(fake.AckDeadline);
            clock.Advance(retryDelay);
            frames.Add((await client.ReceiveAsync())!);
        }

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([0, 1, 2, 3], frames.Select(f => f["retry_attempt"]!.GetValue<int>()));
        Assert.Equal(["", "timeout", "timeout", "timeout"], frames.Select(f => f["retry_reason"]!.GetValue<string>()));
        Assert.Single(frames.Select(f => f["payload"]!["event_id"]!.GetValue<string>()).Distinct());
        Assert.Equal(4, frames.Select(f => f["envelope_id"]!.GetValue<string>()).Distinct().Count());
        Assert.True(sent.GaveUp);
        Assert.Equal(4, sent.Deliveries.Count);
    }

    [Fact]
    public async Task Event_AckedLateAfterRetry_NoFurtherRetries()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.MessageEvent("answer"));
        var first = await client.ReceiveAsync();
        clock.Advance(TimeSpan.FromSeconds(3));
        var retry = await client.ReceiveAsync();

        await client.AckAsync(first!["envelope_id"]!.GetValue<string>());
        await sent.WaitForAckAsync();
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(1, retry!["retry_attempt"]!.GetValue<int>());
        Assert.Equal(2, sent.Deliveries.Count);
        Assert.False(sent.GaveUp);
        Assert.Equal(0, sent.Ack!.Delivery!.RetryAttempt);
    }

    [Fact]
    public async Task Event_RetriesKeepEnvelopeId_SameIdOnRetry()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        fake.RetriesKeepEnvelopeId = true;
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        await fake.PushAsync(fake.Payloads.MessageEvent("x"));
        var first = await client.ReceiveAsync();

        clock.Advance(TimeSpan.FromSeconds(3));
        var retry = await client.ReceiveAsync();

        Assert.Equal(first!["envelope_id"]!.GetValue<string>(), retry!["envelope_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Push_EventWithNoConnection_DeliveredAfterHello()
    {
        await using var fake = await FakeSlack.StartAsync();
        var sent = await fake.PushAsync(fake.Payloads.MessageEvent("while you were away"));
        Assert.True(sent.Queued);

        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var frame = await client.ReceiveAsync();

        Assert.Equal("while you were away", frame!["payload"]!["event"]!["text"]!.GetValue<string>());
        Assert.False(sent.Queued);
    }

    [Fact]
    public async Task Push_SlashCommandWithNoConnection_Throws()
    {
        await using var fake = await FakeSlack.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => fake.PushAsync(fake.Payloads.SlashCommand("/study")));
    }

    [Fact]
    public async Task Push_TwoConnections_RoundRobin()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (first, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _first = first;
        var (second, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _second = second;

        var a = await fake.PushAsync(fake.Payloads.MessageEvent("a"));
        var b = await fake.PushAsync(fake.Payloads.MessageEvent("b"));

        Assert.NotEqual(a.Deliveries[0].ConnectionIndex, b.Deliveries[0].ConnectionIndex);
    }

    [Fact]
    public async Task Push_ChooseConnectionScripted_AlwaysTheOldest()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.ChooseConnection = open => open[0];
        var (first, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _first = first;
        var (second, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _second = second;

        var a = await fake.PushAsync(fake.Payloads.MessageEvent("a"));
        var b = await fake.PushAsync(fake.Payloads.MessageEvent("b"));

        Assert.Equal([0, 0], new[] { a, b }.Select(e => e.Deliveries[0].ConnectionIndex));
    }

    [Fact]
    public async Task Disconnect_RefreshRequested_OldSocketGetsNoNewEnvelopesAndClosesAfterGrace()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        var (old, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _old = old;

        await fake.SendDisconnectAsync(DisconnectReasons.RefreshRequested);
        var disconnect = await old.ReceiveAsync();
        var (replacement, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _replacement = replacement;
        var sent = await fake.PushAsync(fake.Payloads.MessageEvent("goes to the new one"));
        clock.Advance(fake.DisconnectGrace);

        Assert.Equal("refresh_requested", disconnect!["reason"]!.GetValue<string>());
        Assert.Equal("wss-fake-111", disconnect["debug_info"]!["host"]!.GetValue<string>());
        Assert.Equal(1, sent.Deliveries[0].ConnectionIndex);
        Assert.Null(await old.ReceiveAsync());
        Assert.Equal(1000, old.CloseCode);
        await fake.Connections[0].WaitForCloseAsync();
        Assert.Equal(ConnectionEnd.ClosedByServer, fake.Connections[0].End);
        await fake.WaitForOpenConnectionsAsync(1);
    }

    [Fact]
    public async Task Disconnect_LinkDisabled_LaterConnectionsRefused()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;

        await fake.SendDisconnectAsync(DisconnectReasons.LinkDisabled, closeAfter: TimeSpan.Zero);
        Assert.Equal("link_disabled", (await client.ReceiveAsync())!["reason"]!.GetValue<string>());
        using var again = await RawSocketClient.OpenAsync(fake);

        Assert.Equal("link_disabled", (await again.ReceiveAsync())!["reason"]!.GetValue<string>());
        Assert.False(fake.SocketModeEnabled);
    }

    [Fact]
    public async Task DropConnection_NoCloseFrame_ClientSeesAbruptEnd()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;

        fake.DropConnection();

        await Assert.ThrowsAsync<WebSocketException>(() => client.ReceiveAsync());
        Assert.Equal(ConnectionEnd.Dropped, fake.Connections[0].End);
        Assert.Equal(0, fake.OpenConnectionCount);
    }

    [Fact]
    public async Task ClientClose_1000_RecordedAndOpenCountFalls()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;

        await client.CloseAsync(1000);
        await fake.WaitForOpenConnectionsAsync(0);

        Assert.Equal(ConnectionEnd.ClosedByClient, fake.Connections[0].End);
        Assert.Equal(1000, fake.Connections[0].ClientCloseCode);
    }

    [Fact]
    public async Task Ping_FromClient_PongWithSamePayload()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.AppToken);
        var url = (await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen)).Json!["url"]!.GetValue<string>();
        using var raw = await RawFrameSocket.ConnectAsync(url);
        Assert.Equal(RawFrameSocket.TextOpcode, (await raw.ReadFrameAsync()).Opcode);

        await raw.SendPingAsync("are you there"u8.ToArray());
        var (opcode, payload) = await raw.ReadFrameAsync();

        Assert.Equal(RawFrameSocket.PongOpcode, opcode);
        Assert.Equal("are you there", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task ServerPingInterval_Set_FakePingsTheClient()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.ServerPingInterval = TimeSpan.FromMilliseconds(100);
        using var http = SlackHttp.Client(fake.AppToken);
        var url = (await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen)).Json!["url"]!.GetValue<string>();
        using var raw = await RawFrameSocket.ConnectAsync(url);

        var opcodes = new List<int> { (await raw.ReadFrameAsync()).Opcode };
        opcodes.Add((await raw.ReadFrameAsync().WaitAsync(FakeSlack.DefaultTimeout)).Opcode);

        Assert.Equal([RawFrameSocket.TextOpcode, RawFrameSocket.PingOpcode], opcodes);
    }

    [Fact]
    public async Task Freeze_PingUnansweredUntilThaw()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.AppToken);
        var url = (await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen)).Json!["url"]!.GetValue<string>();
        using var raw = await RawFrameSocket.ConnectAsync(url);
        await raw.ReadFrameAsync();
        var connection = fake.OpenConnections.Single();

        connection.Freeze();
        await raw.SendPingAsync("hello?"u8.ToArray());
        var pong = raw.ReadFrameAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => pong.WaitAsync(TimeSpan.FromMilliseconds(500)));
        connection.Thaw();
        Assert.Equal(RawFrameSocket.PongOpcode, (await pong.WaitAsync(FakeSlack.DefaultTimeout)).Opcode);
    }

    [Fact]
    public async Task Freeze_EnvelopeSentMeanwhile_Lost()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var connection = fake.OpenConnections.Single();

        connection.Freeze();
        await fake.PushAsync(fake.Payloads.MessageEvent("into the void"));

        Assert.Equal(1, connection.DroppedWrites);
    }

    [Fact]
    public async Task Frame_WithoutEnvelopeId_RecordedWithAdvice()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;

        await client.SendAsync(new JsonObject { ["hello"] = "server" });
        var frame = await fake.Connections[0].WaitForReceivedAsync(_ => true);

        Assert.Equal("server", frame["hello"]!.GetValue<string>());
        Assert.Equal(ViolationKind.Advice, (await fake.WaitForViolationAsync(v => v.Source == "socket")).Kind);
    }

    [Fact]
    public async Task EchoOwnMessages_PostMessage_EchoedAsEventWithBotId()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.EchoOwnMessages = true;
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        using var http = SlackHttp.Client(fake.BotToken);

        await SlackHttp.PostMessageAsync(http, fake, "C1", "daily question");
        var echo = (await client.ReceiveAsync())!["payload"]!["event"]!;

        Assert.Equal("daily question", echo["text"]!.GetValue<string>());
        Assert.Equal(fake.BotId, echo["bot_id"]!.GetValue<string>());
        Assert.Equal(fake.BotUserId, echo["user"]!.GetValue<string>());
        Assert.Null(echo["subtype"]);
    }
}
