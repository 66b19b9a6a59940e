using System.Text.Json.Nodes;
using StudyBot.Slack.Api;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Tests.Socket;

public class SocketModeClientTests
{
    private static readonly TimeSpan Deadline = SocketModeTimings.Default.AckDeadline;

    [Fact]
    public async Task RunAsync_Start_OpensConnectionThenConnectsToTheReturnedUrl()
    {
        await using var harness = new SocketHarness().Start();

        var socket = await harness.Slack.NextSocketAsync();

        Assert.Equal(["apps.connections.open"], harness.Slack.Calls);
        Assert.Equal(new Uri("wss://wss-primary.slack.test/link/?ticket=t1&app_id=A1"), socket.Uri);
    }

    [Fact]
    public async Task IsConnected_OnlyAfterHello()
    {
        await using var harness = new SocketHarness().Start();
        var socket = await harness.Slack.NextSocketAsync();
        await socket.WaitUntilIdleAsync();
        Assert.False(harness.Client.IsConnected);

        socket.SendHello();
        await socket.WaitUntilIdleAsync();

        await WaitUntilAsync(() => harness.Client.IsConnected);
    }

    [Fact]
    public async Task SlashCommand_HandlerAcknowledgesWithReply_AckCarriesThePayloadOnTheSameSocket()
    {
        await using var harness = new SocketHarness();
        harness.Handler.OnHandle = (delivery, _) =>
        {
            Assert.True(delivery.Acknowledge(new JsonObject { ["response_type"] = "ephemeral", ["text"] = "Streak 12" }));
            return Task.CompletedTask;
        };
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.SlashCommand("env-1"));

        var ack = await socket.ExpectAckAsync("env-1");
        Assert.Equal("Streak 12", (string?)ack["payload"]!["text"]);
        Assert.Equal("ephemeral", (string?)ack["payload"]!["response_type"]);
        var command = Assert.IsType<SlashCommand>((await harness.Handler.NextAsync()).Envelope.Payload);
        Assert.Equal("/study", command.Command);
        Assert.Equal("streak", command.Text);
    }

    [Fact]
    public async Task SlashCommand_HandlerSilent_ClientAcknowledgesBareAtTheDeadlineNotBefore()
    {
        await using var harness = new SocketHarness();
        var release = new TaskCompletionSource();
        harness.Handler.OnHandle = async (delivery, _) =>
        {
            if (delivery.Envelope.Type == SocketEnvelopeType.SlashCommands)
            {
                await release.Task;
            }
        };
        var socket = await harness.StartConnectedAsync();
        socket.Send(Envelopes.SlashCommand("env-1"));
        await harness.Time.WaitForTimerAsync(Deadline);

        harness.Time.Advance(Deadline - TimeSpan.FromMilliseconds(1));
        // An event is acknowledged on arrival: if the command's ack had gone early, it would come first.
        socket.Send(Envelopes.Event("env-2", "Ev1"));
        await socket.ExpectAckAsync("env-2");
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        var ack = await socket.ExpectAckAsync("env-1");
        Assert.Null(ack["payload"]);
        Assert.True(harness.Logs.Has(8115));
        release.SetResult();
    }

    [Fact]
    public async Task Acknowledge_AfterTheClientAcknowledgedAtTheDeadline_ReturnsFalseAndSendsNothing()
    {
        await using var harness = new SocketHarness();
        var late = new TaskCompletionSource<bool>();
        var release = new TaskCompletionSource();
        harness.Handler.OnHandle = async (delivery, _) =>
        {
            if (delivery.Envelope.Type == SocketEnvelopeType.SlashCommands)
            {
                await release.Task;
                late.SetResult(delivery.Acknowledge(new JsonObject { ["text"] = "too late" }));
            }
        };
        var socket = await harness.StartConnectedAsync();
        socket.Send(Envelopes.SlashCommand("env-1"));
        await harness.Time.WaitForTimerAsync(Deadline);
        harness.Time.Advance(Deadline);
        await socket.ExpectAckAsync("env-1");

        release.SetResult();

        Assert.False(await late.Task.WaitAsync(ScriptedSocket.Patience));
        socket.Send(Envelopes.Event("env-2", "Ev1"));
        await socket.ExpectAckAsync("env-2");
        Assert.Equal(1, harness.Slack.AckCounts()["env-1"]);
    }

    [Fact]
    public async Task Handler_ReturnsWithoutAcknowledging_AckedAtOnceWithoutWaitingForTheDeadline()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.ButtonClick("env-1"));

        var ack = await socket.ExpectAckAsync("env-1");
        Assert.Null(ack["payload"]);
        Assert.False(harness.Logs.Has(8115));
    }

    [Fact]
    public async Task Handler_Throws_AckedBareAndTheNextEnvelopeIsStillHandled()
    {
        await using var harness = new SocketHarness();
        harness.Handler.OnHandle = (delivery, _) => delivery.Envelope.EnvelopeId == "env-1"
            ? throw new InvalidOperationException("handler bug")
            : Task.CompletedTask;
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.ButtonClick("env-1"));
        await socket.ExpectAckAsync("env-1");
        socket.Send(Envelopes.ButtonClick("env-2"));

        await socket.ExpectAckAsync("env-2");
        Assert.Equal(2, harness.Handler.Count);
        Assert.True(harness.Logs.Has(8116));
    }

    [Fact]
    public async Task EventsApi_AcknowledgedOnArrival_BeforeItsHandlerFinishes()
    {
        await using var harness = new SocketHarness();
        var release = new TaskCompletionSource();
        var handled = new TaskCompletionSource<bool>();
        harness.Handler.OnHandle = async (delivery, _) =>
        {
            handled.SetResult(delivery.Acknowledge());
            await release.Task;
        };
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.Event("env-1", "Ev1"));

        await socket.ExpectAckAsync("env-1");
        Assert.False(await handled.Task.WaitAsync(ScriptedSocket.Patience));
        release.SetResult();
    }

    [Fact]
    public async Task EventsApi_RedeliveredWithTheSameEventId_HandledOnceAndEveryCopyAcknowledged()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.Event("env-1", "Ev1"));
        await socket.ExpectAckAsync("env-1");
        socket.Send(Envelopes.Event("env-2", "Ev1", retryAttempt: 1, retryReason: "timeout"));
        await socket.ExpectAckAsync("env-2");
        socket.Send(Envelopes.Event("env-3", "Ev2"));
        await socket.ExpectAckAsync("env-3");

        var first = await harness.Handler.NextAsync();
        var second = await harness.Handler.NextAsync();
        Assert.Equal("env-1", first.Envelope.EnvelopeId);
        Assert.Equal("env-3", second.Envelope.EnvelopeId);
        Assert.Equal(2, harness.Handler.Count);
        Assert.True(harness.Logs.Has(8114));
    }

    [Fact]
    public async Task Acknowledge_PayloadOnAnEnvelopeThatTakesNone_SendsABareAckAndReturnsFalse()
    {
        await using var harness = new SocketHarness();
        var result = new TaskCompletionSource<bool>();
        harness.Handler.OnHandle = (delivery, _) =>
        {
            result.SetResult(delivery.Acknowledge(new JsonObject { ["text"] = "not allowed here" }));
            return Task.CompletedTask;
        };
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.ButtonClick("env-1", acceptsResponsePayload: false));

        var ack = await socket.ExpectAckAsync("env-1");
        Assert.Null(ack["payload"]);
        Assert.False(await result.Task.WaitAsync(ScriptedSocket.Patience));
    }

    [Fact]
    public async Task ViewSubmission_HandlerRejectsTheAnswer_AckCarriesResponseActionErrors()
    {
        await using var harness = new SocketHarness();
        harness.Handler.OnHandle = (delivery, _) =>
        {
            var submission = Assert.IsType<ViewSubmission>(delivery.Envelope.Payload);
            Assert.Equal("short", submission.ValueOf("answer", "answer_text"));
            delivery.Acknowledge(SocketAck.ViewErrors(new Dictionary<string, string> { ["answer"] = "Please write at least a sentence." }));
            return Task.CompletedTask;
        };
        var socket = await harness.StartConnectedAsync();

        socket.Send(Envelopes.ViewSubmission("env-1", answer: "short"));

        var ack = await socket.ExpectAckAsync("env-1");
        Assert.Equal("errors", (string?)ack["payload"]!["response_action"]);
        Assert.Equal("Please write at least a sentence.", (string?)ack["payload"]!["errors"]!["answer"]);
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    [InlineData("a_reason_slack_adds_later")]
    public async Task Disconnect_Routine_OpensTheNextConnectionBeforeClosingTheOld(string reason)
    {
        await using var harness = new SocketHarness();
        var old = await harness.StartConnectedAsync();

        old.SendDisconnect(reason);
        var next = await harness.Slack.NextSocketAsync();

        // Until the new socket says hello, the old one is still open and still serves.
        Assert.NotEqual(old.Uri, next.Uri);
        Assert.Equal(2, harness.Slack.Calls.Count);
        old.Send(Envelopes.Event("env-1", "Ev1"));
        await old.ExpectAckAsync("env-1");
        Assert.False(old.IsClosedByClient);

        next.SendHello();
        await old.ClosedByClientAsync();
        await old.DisposedAsync();
        next.Send(Envelopes.Event("env-2", "Ev2"));
        await next.ExpectAckAsync("env-2");
        Assert.False(next.IsClosedByClient);
    }

    [Fact]
    public async Task Disconnect_WhileAnAckIsOwed_TheOldSocketSendsItBeforeClosing()
    {
        await using var harness = new SocketHarness();
        var release = new TaskCompletionSource();
        harness.Handler.OnHandle = async (delivery, _) =>
        {
            await release.Task;
            delivery.Acknowledge(new JsonObject { ["text"] = "Your streak: 3" });
        };
        var old = await harness.StartConnectedAsync();
        old.Send(Envelopes.SlashCommand("env-1"));
        await harness.Handler.NextAsync();

        old.SendDisconnect("refresh_requested");
        var next = await harness.Slack.NextSocketAsync();
        next.SendHello();
        await next.WaitUntilIdleAsync();
        Assert.False(old.IsClosedByClient);

        release.SetResult();

        var ack = await old.ExpectAckAsync("env-1");
        Assert.Equal("Your streak: 3", (string?)ack["payload"]!["text"]);
        await old.ClosedByClientAsync();
        Assert.Empty(next.Sent);
    }

    [Fact]
    public async Task Disconnect_EventRedeliveredOnTheNewSocketAfterTheSwitch_HandledOnce()
    {
        await using var harness = new SocketHarness();
        var old = await harness.StartConnectedAsync();
        old.Send(Envelopes.Event("env-1", "Ev1"));
        await old.ExpectAckAsync("env-1");

        old.SendDisconnect("warning");
        var next = await harness.Slack.NextSocketAsync();
        next.SendHello();
        await old.ClosedByClientAsync();
        next.Send(Envelopes.Event("env-2", "Ev1", retryAttempt: 1, retryReason: "timeout"));

        await next.ExpectAckAsync("env-2");
        await next.WaitUntilIdleAsync();
        Assert.Equal(1, harness.Handler.Count);
    }

    [Fact]
    public async Task Disconnect_LinkDisabled_StopsWithAFatalErrorAndNeverReconnects()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();

        socket.SendDisconnect("link_disabled");

        var fatal = await Assert.ThrowsAsync<SocketModeFatalException>(() => harness.Run.WaitAsync(ScriptedSocket.Patience));
        Assert.Equal("link_disabled", fatal.Error);
        Assert.Contains("Socket Mode", fatal.Message, StringComparison.Ordinal);
        Assert.Single(harness.Slack.Calls);
        Assert.False(harness.Slack.HasUnclaimedSocket);
        await socket.ClosedByClientAsync();
    }

    [Fact]
    public async Task Disconnect_TooManyWebsockets_ClosesThisSocketAndReconnectsAfterTheBackoff()
    {
        await using var harness = new SocketHarness(new SocketModeTimings { Random = () => 0.5 });
        var first = await harness.StartConnectedAsync();

        first.SendDisconnect("too_many_websockets");

        await first.ClosedByClientAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Single(harness.Slack.Calls);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await harness.Slack.NextSocketAsync();
        Assert.Equal(2, harness.Slack.Calls.Count);
        Assert.NotEqual(first.Uri, second.Uri);
    }

    [Fact]
    public async Task Drop_ReconnectsWithAFreshUrlAfterAGrowingBackoffThatHelloResets()
    {
        await using var harness = new SocketHarness(new SocketModeTimings { Random = () => 0.5 });
        var first = await harness.StartConnectedAsync();

        first.Drop();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await harness.Slack.NextSocketAsync();
        second.Drop(); // before hello: a failed attempt, so the next wait doubles
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var third = await harness.Slack.NextSocketAsync();
        third.SendHello();
        await third.WaitUntilIdleAsync();
        third.Drop();

        // Hello reset the backoff: the next wait is the first one again.
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1), count: 2);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var fourth = await harness.Slack.NextSocketAsync();
        Assert.Equal(4, harness.Slack.Calls.Count);
        Assert.Equal(4, new[] { first.Uri, second.Uri, third.Uri, fourth.Uri }.Distinct().Count());
    }

    [Fact]
    public async Task Connect_Refused_RetriesWithANewUrl()
    {
        await using var harness = new SocketHarness();
        harness.Slack.RefuseNextConnections(1);
        harness.Start();
        var refused = await harness.Slack.NextSocketAsync();
        Assert.False(refused.IsClosedByClient);

        var second = await harness.Slack.NextSocketAsync();
        second.SendHello();

        await WaitUntilAsync(() => harness.Client.IsConnected);
        Assert.Equal(2, harness.Slack.Calls.Count);
        Assert.True(refused.IsDisposed);
    }

    [Fact]
    public async Task Connect_NoHelloInTime_GivesTheSocketUpAndConnectsAgain()
    {
        await using var harness = new SocketHarness().Start();
        var silent = await harness.Slack.NextSocketAsync();
        await harness.Time.WaitForTimerAsync(harness.Timings.HelloTimeout);

        harness.Time.Advance(harness.Timings.HelloTimeout);

        await silent.ClosedByClientAsync();
        var second = await harness.Slack.NextSocketAsync();
        second.SendHello();
        await WaitUntilAsync(() => harness.Client.IsConnected);
        Assert.True(harness.Logs.Has(8103));
    }

    [Fact]
    public async Task Stale_NoFrameForTheConnectionTimeHelloAnnouncedPlusMargin_ReplacedMakeBeforeBreak()
    {
        await using var harness = new SocketHarness();
        var old = await harness.StartConnectedAsync(approximateConnectionSeconds: 3600);
        var staleAfter = TimeSpan.FromSeconds(3600) + harness.Timings.StaleMargin;
        await harness.Time.WaitForTimerAsync(staleAfter);

        harness.Time.Advance(staleAfter - TimeSpan.FromSeconds(1));
        Assert.False(harness.Slack.HasUnclaimedSocket);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var next = await harness.Slack.NextSocketAsync();
        Assert.False(old.IsClosedByClient);
        next.SendHello();
        await old.ClosedByClientAsync();
        Assert.True(harness.Logs.Has(8113));
    }

    [Fact]
    public async Task Stale_AFrameArrives_TheWatchdogStartsOver()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();
        var staleAfter = harness.Timings.StaleTimeout;
        await harness.Time.WaitForTimerAsync(staleAfter);

        harness.Time.Advance(staleAfter - TimeSpan.FromMinutes(1));
        socket.Send(Envelopes.Event("env-1", "Ev1"));
        await socket.ExpectAckAsync("env-1");
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromMinutes(59));

        Assert.False(harness.Slack.HasUnclaimedSocket);
        harness.Time.Advance(TimeSpan.FromMinutes(59));
        await harness.Slack.NextSocketAsync();
    }

    [Theory]
    [InlineData("invalid_auth")]
    [InlineData("not_authed")]
    [InlineData("account_inactive")]
    [InlineData("token_revoked")]
    [InlineData("user_removed_from_team")]
    [InlineData("team_disabled")]
    [InlineData("forbidden_team")]
    [InlineData("missing_scope")]
    [InlineData("not_allowed_token_type")]
    public async Task Open_RefusedForGood_ThrowsFatalAtOnceWithoutRetrying(string error)
    {
        await using var harness = new SocketHarness();
        harness.Slack.AnswerOpenWith(ScriptedSlack.OpenError(error));
        harness.Start();

        var fatal = await Assert.ThrowsAsync<SocketModeFatalException>(() => harness.Run.WaitAsync(ScriptedSocket.Patience));

        Assert.Equal(error, fatal.Error);
        Assert.Contains(error, fatal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', fatal.Message);
        Assert.Single(harness.Slack.Calls);
        Assert.Empty(harness.Slack.AllSockets);
    }

    [Fact]
    public async Task Open_TransientFailure_RetriesAfterTheBackoff()
    {
        await using var harness = new SocketHarness(new SocketModeTimings { Random = () => 0.5 });
        harness.Slack.AnswerOpenWith(
            ScriptedSlack.OpenError("internal_error"),
            new SlackApiResult("apps.connections.open", SlackApiFailure.ServerError, "server_error", 503, null));
        harness.Start();

        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        var socket = await harness.Slack.NextSocketAsync();
        socket.SendHello();
        await WaitUntilAsync(() => harness.Client.IsConnected);
        Assert.Equal(3, harness.Slack.Calls.Count);
    }

    [Fact]
    public async Task Stop_HandlerStillRunning_ItsAckGoesOutBeforeTheSocketCloses()
    {
        var harness = new SocketHarness();
        var cancelled = new TaskCompletionSource();
        harness.Handler.OnHandle = async (delivery, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                delivery.Acknowledge(new JsonObject { ["text"] = "Shutting down, try again in a minute." });
            }
        };
        var socket = await harness.StartConnectedAsync();
        socket.Send(Envelopes.SlashCommand("env-1"));
        await harness.Handler.NextAsync();

        await harness.StopAsync();

        await cancelled.Task;
        var ack = await socket.ExpectAckAsync("env-1");
        Assert.NotNull(ack["payload"]);
        Assert.True(socket.IsClosedByClient);
        Assert.True(socket.IsDisposed);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Stop_EnvelopeStillWaitingForAHandlerSlot_NeitherHandledNorAcknowledged()
    {
        var harness = new SocketHarness(new SocketModeTimings { MaxConcurrentHandlers = 1, InitialReconnectDelay = TimeSpan.Zero, MaxReconnectDelay = TimeSpan.Zero });
        harness.Handler.OnHandle = async (delivery, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                delivery.Acknowledge();
            }
        };
        var socket = await harness.StartConnectedAsync();
        socket.Send(Envelopes.SlashCommand("env-1"));
        await harness.Handler.NextAsync();
        socket.Send(Envelopes.SlashCommand("env-2"));
        await socket.WaitUntilIdleAsync();

        // No fake time passes: stopping must not wait for the deadline of an envelope that never started.
        await harness.StopAsync();

        await socket.ExpectAckAsync("env-1");
        Assert.False(socket.HasUnreadSends);
        Assert.Equal(1, harness.Handler.Count);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Drop_WithAnAckStillOwed_ReconnectsWithoutWaitingToDrainTheDeadSocket()
    {
        await using var harness = new SocketHarness();
        var release = new TaskCompletionSource();
        harness.Handler.OnHandle = (_, _) => release.Task;
        var first = await harness.StartConnectedAsync();
        first.Send(Envelopes.SlashCommand("env-1"));
        await harness.Handler.NextAsync();

        first.Drop();

        // No fake time passes: a dead socket has nothing to drain.
        var second = await harness.Slack.NextSocketAsync();
        second.SendHello();
        await WaitUntilAsync(() => harness.Client.IsConnected);
        release.SetResult();
    }

    [Fact]
    public async Task UnknownEnvelopeType_AcknowledgedButNeverHandled()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();

        socket.Send("""{"envelope_id":"env-1","type":"something_new","accepts_response_payload":false,"payload":{}}""");

        await socket.ExpectAckAsync("env-1");
        await socket.WaitUntilIdleAsync();
        Assert.Equal(0, harness.Handler.Count);
    }

    [Fact]
    public async Task MalformedFrame_Skipped_TheConnectionStays()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();

        socket.Send("not json {");
        socket.Send(Envelopes.Event("env-1", "Ev1"));

        await socket.ExpectAckAsync("env-1");
        await WaitUntilAsync(() => harness.Client.IsConnected);
        Assert.Single(harness.Slack.Calls);
    }

    [Fact]
    public async Task ManyEnvelopesAtOnce_AcksNeverOverlapOnTheSocket()
    {
        await using var harness = new SocketHarness();
        var socket = await harness.StartConnectedAsync();

        for (var i = 0; i < 40; i++)
        {
            socket.Send(i % 2 == 0 ? Envelopes.Event($"env-{i}", $"Ev{i}") : Envelopes.ButtonClick($"env-{i}"));
        }

        var acked = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            acked.Add((string)(await socket.NextSentAsync())["envelope_id"]!);
        }

        Assert.Equal(40, acked.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(ScriptedSocket.Patience);
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
