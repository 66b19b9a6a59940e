using Microsoft.Extensions.Logging;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Gateway;

public class DiscordGatewayClientTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task RunAsync_GatewayBotUrl_ConnectsWithVersionAndJsonEncoding()
    {
        await using var harness = new GatewayHarness().Start();

        var connection = await harness.Gateway.NextConnectionAsync();

        Assert.Equal(new Uri(GatewayHarness.GatewayUrl), connection.Uri);
        Assert.Equal(["GET gateway/bot"], harness.Rest.Calls);
    }

    [Fact]
    public async Task Hello_NewSession_IdentifiesWithTokenIntentsAndProperties()
    {
        await using var harness = new GatewayHarness(welcomeEnabled: true).Start();
        var connection = await harness.Gateway.NextConnectionAsync();

        connection.SendHello();
        var identify = (await connection.ExpectSentAsync(2))["d"]!;

        Assert.Equal(GatewayHarness.Token, (string?)identify["token"]);
        Assert.Equal(DiscordOptions.GuildsIntent | DiscordOptions.GuildMembersIntent, (int)identify["intents"]!);
        Assert.Equal("studybot", (string?)identify["properties"]!["browser"]);
        Assert.Equal("studybot", (string?)identify["properties"]!["device"]);
        Assert.False(string.IsNullOrEmpty((string?)identify["properties"]!["os"]));
    }

    [Fact]
    public async Task Ready_StoresSessionAndApplicationAndForwardsReady()
    {
        await using var harness = new GatewayHarness();
        Assert.Null(harness.Client.SessionId);

        await harness.StartReadyAsync();

        Assert.Equal("session-1", harness.Client.SessionId);
        Assert.Equal(4242UL, harness.Client.ApplicationId);
    }

    [Fact]
    public async Task Heartbeat_AfterHello_FirstJitteredThenEveryIntervalWithLastSequence()
    {
        await using var harness = new GatewayHarness(random: 0.5).Start();
        var connection = await harness.Gateway.NextConnectionAsync();
        connection.SendHello(intervalMs: 1000);
        await connection.ExpectSentAsync(2);
        connection.SendReady(sequence: 5);
        await harness.Handler.WaitForAsync("READY");

        harness.Time.Advance(TimeSpan.FromMilliseconds(499));
        await connection.AssertNothingSentAsync(Quiet);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var first = await connection.ExpectSentAsync(1);
        Assert.Equal(5, (long)first["d"]!);

        connection.SendOp(11);
        connection.SendDispatch("MESSAGE_CREATE", "{}", 6);
        await harness.Handler.WaitForAsync("MESSAGE_CREATE");

        harness.Time.Advance(TimeSpan.FromMilliseconds(999));
        await connection.AssertNothingSentAsync(Quiet);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await connection.ExpectSentAsync(1);
        Assert.Equal(6, (long)second["d"]!);
    }

    [Fact]
    public async Task Heartbeat_BeforeAnyDispatch_SendsNullSequence()
    {
        await using var harness = new GatewayHarness(random: 0).Start();
        var connection = await harness.Gateway.NextConnectionAsync();

        connection.SendHello(intervalMs: 1000);

        var heartbeat = await connection.ExpectSentAsync(1);
        Assert.Null(heartbeat["d"]);
        Assert.Equal("""{"op":1,"d":null}""", heartbeat.ToJsonString());
    }

    [Fact]
    public async Task ServerHeartbeatRequest_SendsHeartbeatAtOnce()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.SendOp(1);

        var heartbeat = await connection.ExpectSentAsync(1);
        Assert.Equal(1, (long)heartbeat["d"]!);
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesOnResumeUrlWithVersionAndSequence()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        first.SendDispatch("GUILD_CREATE", """{"id":"9"}""", 2);
        await harness.Handler.WaitForAsync("GUILD_CREATE");

        first.SendOp(7);

        Assert.NotEqual(1000, await first.ClosedByClientAsync());
        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.ResumeUrl), second.Uri);
        second.SendHello();
        var resume = (await second.ExpectSentAsync(6))["d"]!;
        Assert.Equal(GatewayHarness.Token, (string?)resume["token"]);
        Assert.Equal("session-1", (string?)resume["session_id"]);
        Assert.Equal(2, (long)resume["seq"]!);

        second.SendDispatch("RESUMED", "{}", 3);
        await harness.Handler.WaitForAsync("RESUMED");
        Assert.Equal("session-1", harness.Client.SessionId);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAfreshOnGatewayUrl()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();

        first.SendOp(9, "false");

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.GatewayUrl), second.Uri);
        Assert.Null(harness.Client.SessionId);
        second.SendHello();
        await second.ExpectSentAsync(2);
        Assert.Equal(["GET gateway/bot"], harness.Rest.Calls);
    }

    [Fact]
    public async Task InvalidSession_Resumable_Resumes()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();

        first.SendOp(9, "true");

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.ResumeUrl), second.Uri);
        second.SendHello();
        await second.ExpectSentAsync(6);
    }

    [Fact]
    public async Task Heartbeat_NoAckBetweenTwoHeartbeats_ClosesWith4000AndResumes()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        harness.Start();
        var first = await harness.Gateway.NextConnectionAsync();
        first.SendHello(intervalMs: 1000);
        await first.ExpectSentAsync(2);
        first.SendReady();
        await harness.Handler.WaitForAsync("READY");
        harness.Time.Advance(TimeSpan.FromMilliseconds(500));
        await first.ExpectSentAsync(1);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1000)); // no ACK came

        Assert.Equal(4000, await first.ClosedByClientAsync());
        Assert.True(harness.Logs.Has(6104));
        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.ResumeUrl), second.Uri);
        second.SendHello(intervalMs: 1000);
        await second.ExpectSentAsync(6);
    }

    [Fact]
    public async Task Heartbeat_NewConnection_StartsWithFreshAckState()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        var first = await harness.StartReadyAsync();
        first.SendOp(7);
        var second = await harness.Gateway.NextConnectionAsync();
        second.SendHello(intervalMs: 1000);
        await second.ExpectSentAsync(6);

        // The first heartbeat of a new connection has no earlier one to wait on: it must go out.
        harness.Time.Advance(TimeSpan.FromMilliseconds(500));

        await second.ExpectSentAsync(1);
        second.SendOp(11);
        await second.SyncAsync();
        harness.Time.Advance(TimeSpan.FromMilliseconds(1000));
        await second.ExpectSentAsync(1);
        Assert.Equal(2, harness.Gateway.ConnectionCount);
    }

    [Fact]
    public async Task ServerClose_4004_ThrowsFatalOnceWithoutRetry()
    {
        await using var harness = new GatewayHarness().Start();
        var connection = await harness.Gateway.NextConnectionAsync();
        connection.SendHello();
        await connection.ExpectSentAsync(2);

        connection.CloseFromServer(4004);

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Run.WaitAsync(ScriptedConnection.Timeout));
        Assert.Equal(4004, fatal.Code);
        Assert.Contains("Discord__Token", fatal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHarness.Token, fatal.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Gateway.ConnectionCount);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Critical);
    }

    [Theory]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task ServerClose_FatalCode_ThrowsWithoutRetry(int code)
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.CloseFromServer(code);

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Run.WaitAsync(ScriptedConnection.Timeout));
        Assert.Equal(code, fatal.Code);
        Assert.Contains(code.ToString(), fatal.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Gateway.ConnectionCount);
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    [InlineData(1000)]
    [InlineData(1001)]
    public async Task ServerClose_SessionEndingCode_IdentifiesInsteadOfResuming(int code)
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();

        first.CloseFromServer(code);

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.GatewayUrl), second.Uri);
        second.SendHello();
        await second.ExpectSentAsync(2);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4008)]
    [InlineData(null)]
    public async Task ServerClose_ResumableCodeOrDrop_Resumes(int? code)
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();

        first.CloseFromServer(code);

        var second = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.ResumeUrl), second.Uri);
        second.SendHello();
        await second.ExpectSentAsync(6);
    }

    [Fact]
    public async Task Resume_FailsTwiceInARow_FallsBackToIdentify()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        first.SendOp(7);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var resuming = await harness.Gateway.NextConnectionAsync();
            Assert.Equal(new Uri(GatewayHarness.ResumeUrl), resuming.Uri);
            resuming.SendHello();
            await resuming.ExpectSentAsync(6);
            resuming.CloseFromServer(4000); // gone before RESUMED
        }

        var fresh = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.GatewayUrl), fresh.Uri);
        fresh.SendHello();
        await fresh.ExpectSentAsync(2);
        Assert.True(harness.Logs.Has(6108));
    }

    [Fact]
    public async Task Resume_SucceedsBetweenFailures_KeepsResuming()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        first.SendOp(7);

        var failed = await harness.Gateway.NextConnectionAsync();
        failed.SendHello();
        await failed.ExpectSentAsync(6);
        failed.CloseFromServer(null);
        var resumed = await harness.Gateway.NextConnectionAsync();
        resumed.SendHello();
        await resumed.ExpectSentAsync(6);
        resumed.SendDispatch("RESUMED", "{}", 2);
        await harness.Handler.WaitForAsync("RESUMED");
        resumed.CloseFromServer(null);
        var failedAgain = await harness.Gateway.NextConnectionAsync();
        failedAgain.SendHello();
        await failedAgain.ExpectSentAsync(6);
        failedAgain.CloseFromServer(null);

        var next = await harness.Gateway.NextConnectionAsync();
        Assert.Equal(new Uri(GatewayHarness.ResumeUrl), next.Uri);
    }

    [Fact]
    public async Task ConnectRefused_RetriesUntilConnected()
    {
        await using var harness = new GatewayHarness();
        harness.Gateway.RefuseNextConnections(2);
        harness.Start();

        await harness.Gateway.NextConnectionAsync();
        await harness.Gateway.NextConnectionAsync();
        var third = await harness.Gateway.NextConnectionAsync();

        third.SendHello();
        await third.ExpectSentAsync(2);
        Assert.True(harness.Logs.Has(6111));
    }

    [Fact]
    public async Task GatewayBot_Unauthorized_ThrowsFatalWithoutConnecting()
    {
        await using var harness = new GatewayHarness();
        harness.Rest.Response = new RestResponse(401, null, RestFailure.Unauthorized);

        harness.Start();

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Run.WaitAsync(ScriptedConnection.Timeout));
        Assert.Equal(401, fatal.Code);
        Assert.Equal(0, harness.Gateway.ConnectionCount);
    }

    [Fact]
    public async Task Payload_MalformedOrUnknownOpcode_LoggedAndSkipped()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.Send("{not json at all");
        connection.Send("[1,2,3]");
        connection.Send("""{"op":"ten"}""");
        connection.Send("""{"op":10,"d":{}}""");
        connection.Send("""{"op":0,"d":{},"s":2}""");
        connection.SendOp(42);
        connection.SendDispatch("MESSAGE_CREATE", """{"id":"7"}""", 3);

        var later = await harness.Handler.WaitForAsync("MESSAGE_CREATE");
        Assert.Equal(3, later.Sequence);
        Assert.Equal(5, harness.Logs.Entries.Count(e => e.EventId.Id == 6105 && e.Level == LogLevel.Warning));
        Assert.True(harness.Logs.Has(6106));
        Assert.Equal(1, harness.Gateway.ConnectionCount);
    }

    [Fact]
    public async Task Payload_MalformedContainingToken_LogExcerptHidesToken()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.Send($"{{\"op\":2,\"d\":{{\"token\":\"{GatewayHarness.Token}\"");
        await connection.SyncAsync();

        var warning = Assert.Single(harness.Logs.Entries, e => e.EventId.Id == 6105);
        Assert.Contains("[token]", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHarness.Token, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_InteractionCreate_ReachesHandlerWithDataAndSequence()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.SendDispatch("INTERACTION_CREATE", """{"id":"77","type":2,"data":{"name":"streak"}}""", 2);

        var dispatch = await harness.Handler.WaitForAsync("INTERACTION_CREATE");
        Assert.Equal(2, dispatch.Sequence);
        Assert.Equal("streak", dispatch.Data.GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Dispatch_SlowHandler_DoesNotDelayHeartbeats()
    {
        await using var harness = new GatewayHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.OnHandle = (dispatch, _) => dispatch.Type == "GUILD_CREATE" ? release.Task : Task.CompletedTask;
        var connection = await harness.StartReadyAsync();
        connection.SendDispatch("GUILD_CREATE", "{}", 2);
        await harness.Handler.WaitForAsync("GUILD_CREATE");

        connection.SendOp(1);

        await connection.ExpectSentAsync(1);
        release.SetResult();
    }

    [Fact]
    public async Task Dispatch_HandlerThrows_LoggedAndLaterDispatchesDelivered()
    {
        await using var harness = new GatewayHarness();
        harness.Handler.OnHandle = (dispatch, _) =>
            dispatch.Type == "GUILD_CREATE" ? throw new InvalidOperationException("handler bug") : Task.CompletedTask;
        var connection = await harness.StartReadyAsync();

        connection.SendDispatch("GUILD_CREATE", "{}", 2);
        connection.SendDispatch("INTERACTION_CREATE", "{}", 3);

        await harness.Handler.WaitForAsync("INTERACTION_CREATE");
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 6107 && e.Exception is InvalidOperationException);
        Assert.Equal(1, harness.Gateway.ConnectionCount);
    }

    [Fact]
    public async Task Send_ManyHeartbeatRequests_NeverTwoSendsAtOnceAndAtMost120PerMinute()
    {
        await using var harness = new GatewayHarness().Start();
        var connection = await harness.Gateway.NextConnectionAsync();
        connection.SendHello();
        await connection.ExpectSentAsync(2);

        for (var i = 0; i < 130; i++)
        {
            connection.SendOp(1);
        }

        await WaitUntilAsync(() => connection.SentCount == 120);
        await connection.AssertSentCountStaysAsync(120, Quiet);
        harness.Time.Advance(GatewaySendQueue.Window - TimeSpan.FromSeconds(1));
        await connection.AssertSentCountStaysAsync(120, Quiet);
        await AdvanceUntilAsync(harness, () => connection.SentCount == 131);
        Assert.Equal(0, harness.Gateway.OverlappingSends);
    }

    [Fact]
    public async Task Identify_Over4096Bytes_NotSentAndLogged()
    {
        var hugeToken = new string('t', 5000);
        await using var harness = new GatewayHarness(token: hugeToken).Start();
        var connection = await harness.Gateway.NextConnectionAsync();

        connection.SendHello();
        await connection.SyncAsync(); // the op 1 answer is the first thing sent: Identify was dropped

        Assert.True(harness.Logs.Has(6117));
        Assert.DoesNotContain(hugeToken, harness.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ClosesWith1000AndReturns()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        await harness.StopAsync();

        Assert.Equal(1000, await connection.ClosedByClientAsync());
        Assert.True(harness.Run.IsCompletedSuccessfully);
        Assert.Equal(1, harness.Gateway.ConnectionCount);
    }

    [Fact]
    public async Task Hello_NeverArrives_ReconnectsAfterTimeout()
    {
        await using var harness = new GatewayHarness().Start();
        var first = await harness.Gateway.NextConnectionAsync();

        await AdvanceUntilAsync(harness, () => first.ClosedByClientAsync().IsCompleted);

        Assert.Equal(4000, await first.ClosedByClientAsync());
        Assert.True(harness.Logs.Has(6114));
        await harness.Gateway.NextConnectionAsync();
    }

    /// <summary>
    /// Moves fake time on in 1 s steps until <paramref name="condition"/> holds: the client may register
    /// its timer a moment after the test could observe it, and a step after that still fires it.
    /// </summary>
    private static async Task AdvanceUntilAsync(GatewayHarness harness, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(ScriptedConnection.Timeout);
        while (!condition())
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(ScriptedConnection.Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
