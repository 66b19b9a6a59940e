using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Tests.Socket;

public class SocketMessageParserTests
{
    [Fact]
    public void Parse_Hello_ReadsConnectionsAndApproximateConnectionTime()
    {
        var hello = Assert.IsType<HelloMessage>(SocketMessageParser.Parse(
            """{"type":"hello","num_connections":2,"debug_info":{"host":"applink-1","build_number":54,"approximate_connection_time":18060},"connection_info":{"app_id":"A1"}}"""));

        Assert.Equal(2, hello.NumConnections);
        Assert.Equal(TimeSpan.FromSeconds(18060), hello.ApproximateConnectionTime);
    }

    [Fact]
    public void Parse_HelloWithoutDebugInfo_HasNoConnectionTime()
    {
        var hello = Assert.IsType<HelloMessage>(SocketMessageParser.Parse("""{"type":"hello"}"""));

        Assert.Null(hello.ApproximateConnectionTime);
    }

    [Fact]
    public void Parse_Disconnect_KeepsTheReasonAsAnOpenString()
    {
        var disconnect = Assert.IsType<DisconnectMessage>(SocketMessageParser.Parse("""{"type":"disconnect","reason":"something_new","debug_info":{"host":"wss-1"}}"""));

        Assert.Equal("something_new", disconnect.Reason);
        Assert.Equal(ConnectionSignal.Refresh, SocketDisconnects.Classify(disconnect.Reason));
        Assert.Equal(ConnectionSignal.LinkDisabled, SocketDisconnects.Classify("link_disabled"));
        Assert.Equal(ConnectionSignal.TooManyWebsockets, SocketDisconnects.Classify("too_many_websockets"));
        Assert.Equal(ConnectionSignal.Refresh, SocketDisconnects.Classify("warning"));
        Assert.Equal(ConnectionSignal.Refresh, SocketDisconnects.Classify("refresh_requested"));
    }

    [Fact]
    public void Parse_SlashCommand_ReadsEveryFieldTheAdapterNeeds()
    {
        var envelope = Envelope(Envelopes.SlashCommand("env-1", text: "timezone Europe/Berlin"));

        Assert.Equal("env-1", envelope.EnvelopeId);
        Assert.Equal(SocketEnvelopeType.SlashCommands, envelope.Type);
        Assert.True(envelope.AcceptsResponsePayload);
        var command = Assert.IsType<SlashCommand>(envelope.Payload);
        Assert.Equal("/study", command.Command);
        Assert.Equal("timezone Europe/Berlin", command.Text);
        Assert.Equal("U1", command.UserId);
        Assert.Equal("T1", command.TeamId);
        Assert.Equal("C1", command.ChannelId);
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", command.TriggerId);
        Assert.Equal(new Uri("https://hooks.slack.test/commands/T1/1/abc"), command.ResponseUrl);
        Assert.Equal("ada", command.UserName);
        Assert.Equal("general", command.ChannelName);
        Assert.Equal("A1", command.ApiAppId);
        Assert.False(command.IsEnterpriseInstall);
        Assert.Equal("envelope:env-1", envelope.DeliveryKey);
    }

    [Theory]
    [InlineData("\"true\"", true)]
    [InlineData("true", true)]
    [InlineData("\"false\"", false)]
    [InlineData("false", false)]
    public void Parse_IsEnterpriseInstall_AcceptsAStringOrABoolean(string json, bool expected)
    {
        var envelope = Envelope($$"""{"envelope_id":"e","type":"slash_commands","payload":{"command":"/study","is_enterprise_install":{{json}}} }""");

        Assert.Equal(expected, Assert.IsType<SlashCommand>(envelope.Payload).IsEnterpriseInstall);
    }

    [Fact]
    public void Parse_ButtonOnAMessage_ReadsActionTriggerUserChannelAndMessageTs()
    {
        var envelope = Envelope(Envelopes.ButtonClick("env-1", value: "answer:42"));

        Assert.Equal(SocketEnvelopeType.Interactive, envelope.Type);
        var actions = Assert.IsType<BlockActions>(envelope.Payload);
        var action = Assert.Single(actions.Actions);
        Assert.Equal("button", action.Type);
        Assert.Equal("answer:42", action.ActionId);
        Assert.Equal("answer:42", action.Value);
        Assert.Equal("daily_answer", action.BlockId);
        Assert.Equal("123.456.abc", actions.TriggerId);
        Assert.Equal("U1", actions.User.Id);
        Assert.Equal("ada", actions.User.UserName);
        Assert.Equal("T1", actions.TeamId);
        Assert.Equal("C1", actions.ChannelId);
        Assert.Equal("1700000000.000100", actions.MessageTs);
        Assert.Equal("message", actions.Container!.Type);
        Assert.Equal("1700000000.000100", actions.Container.MessageTs);
        Assert.False(actions.Container.IsEphemeral);
        Assert.Equal(new Uri("https://hooks.slack.test/actions/T1/2/def"), actions.ResponseUrl);
        Assert.Null(actions.ViewId);
    }

    [Fact]
    public void Parse_ButtonInAView_ReadsTheViewId()
    {
        var envelope = Envelope("""
            {"envelope_id":"e","type":"interactive","accepts_response_payload":false,"payload":{"type":"block_actions",
             "user":{"id":"U1","username":"ada","team_id":"T1"},"team":{"id":"T1"},"container":{"type":"view","view_id":"V9"},
             "trigger_id":"t","view":{"id":"V9","type":"modal"},"actions":[{"type":"button","action_id":"more","block_id":"b","action_ts":"1"}]}}
            """);

        var actions = Assert.IsType<BlockActions>(envelope.Payload);
        Assert.Equal("V9", actions.ViewId);
        Assert.Null(actions.ChannelId);
        Assert.Null(Assert.Single(actions.Actions).Value);
    }

    [Fact]
    public void Parse_ViewSubmission_ReadsCallbackMetadataAndInputValues()
    {
        var envelope = Envelope(Envelopes.ViewSubmission("env-1", answer: "Use a feature store."));

        var submission = Assert.IsType<ViewSubmission>(envelope.Payload);
        Assert.Equal("answer_v1", submission.CallbackId);
        Assert.Equal("42", submission.PrivateMetadata);
        Assert.Equal("V1", submission.ViewId);
        Assert.Equal("U1", submission.User.Id);
        Assert.Equal("T1", submission.TeamId);
        Assert.Equal("Use a feature store.", submission.ValueOf("answer", "answer_text"));
        Assert.Equal("plain_text_input", submission.Values["answer"]["answer_text"].Type);
        Assert.Null(submission.ValueOf("answer", "other"));
        Assert.Null(submission.ValueOf("other", "answer_text"));
    }

    [Fact]
    public void Parse_ViewSubmissionWithAnEmptyOptionalInput_ValueIsNull()
    {
        var submission = Assert.IsType<ViewSubmission>(Envelope(Envelopes.ViewSubmission("env-1", answer: null)).Payload);

        Assert.True(submission.Values["answer"].ContainsKey("answer_text"));
        Assert.Null(submission.ValueOf("answer", "answer_text"));
    }

    [Fact]
    public void Parse_ViewClosed_ReadsIsCleared()
    {
        var envelope = Envelope("""
            {"envelope_id":"e","type":"interactive","payload":{"type":"view_closed","team":{"id":"T1"},"user":{"id":"U1"},
             "view":{"id":"V1","callback_id":"answer_v1","private_metadata":"42"},"is_cleared":true}}
            """);

        var closed = Assert.IsType<ViewClosed>(envelope.Payload);
        Assert.True(closed.IsCleared);
        Assert.Equal("answer_v1", closed.CallbackId);
        Assert.Equal("42", closed.PrivateMetadata);
    }

    [Fact]
    public void Parse_ThreadReply_ReadsThreadTsTsUserAndText()
    {
        var envelope = Envelope(Envelopes.Event("env-1", "Ev123", retryAttempt: 2, retryReason: "timeout", text: "Canary releases & <!channel>"));

        Assert.Equal(SocketEnvelopeType.EventsApi, envelope.Type);
        Assert.Equal(2, envelope.RetryAttempt);
        Assert.Equal("timeout", envelope.RetryReason);
        Assert.Equal("event:Ev123", envelope.DeliveryKey);
        var callback = Assert.IsType<EventCallback>(envelope.Payload);
        Assert.Equal("Ev123", callback.EventId);
        Assert.Equal(1700000100, callback.EventTime);
        var message = Assert.IsType<MessageEvent>(callback.Event);
        Assert.Equal("C1", message.Channel);
        Assert.Equal("U2", message.User);
        Assert.Equal("1700000100.000200", message.Ts);
        Assert.Equal("1700000000.000100", message.ThreadTs);
        Assert.Equal("UBOT", message.ParentUserId);
        Assert.Equal("Canary releases & <!channel>", message.Text);
        Assert.True(message.IsThreadReply);
        Assert.True(message.IsPlainUserMessage);
        Assert.False(message.IsFrom("UBOT", "BBOT"));
    }

    [Fact]
    public void Parse_TopLevelMessage_IsNotAThreadReply()
    {
        var message = (MessageEvent)((EventCallback)Envelope(Envelopes.Event("env-1", "Ev1", threadTs: null)).Payload).Event;

        Assert.Null(message.ThreadTs);
        Assert.False(message.IsThreadReply);
    }

    [Fact]
    public void Parse_ThreadParent_ThreadTsEqualsTsIsNotAReply()
    {
        var message = (MessageEvent)((EventCallback)Envelope(Envelopes.Event("env-1", "Ev1", threadTs: "1700000100.000200")).Payload).Event;

        Assert.False(message.IsThreadReply);
    }

    [Fact]
    public void Parse_BotMessageAndEdits_AreNotPlainUserMessages()
    {
        var bot = Message("""{"type":"message","subtype":"bot_message","bot_id":"BBOT","text":"hi","ts":"1.2","channel":"C1"}""");
        var edit = Message("""{"type":"message","subtype":"message_changed","channel":"C1","ts":"1.3","message":{"text":"x"}}""");
        var own = Message("""{"type":"message","user":"UBOT","bot_id":"BBOT","text":"Counted","ts":"1.4","thread_ts":"1.1","channel":"C1"}""");

        Assert.False(bot.IsPlainUserMessage);
        Assert.Equal("bot_message", bot.Subtype);
        Assert.True(bot.IsFrom("UBOT", "BBOT"));
        Assert.False(edit.IsPlainUserMessage);
        Assert.Equal("", edit.Text);
        Assert.True(own.IsFrom("UBOT", null));
        Assert.False(own.IsPlainUserMessage);
    }

    [Fact]
    public void Parse_MemberJoinedAndAppHomeOpened_AreTyped()
    {
        var joined = Assert.IsType<MemberJoinedChannelEvent>(((EventCallback)Envelope(EventEnvelope(
            """{"type":"member_joined_channel","user":"U3","channel":"C1","channel_type":"C","team":"T1","inviter":"U1"}""")).Payload).Event);
        var home = Assert.IsType<AppHomeOpenedEvent>(((EventCallback)Envelope(EventEnvelope(
            """{"type":"app_home_opened","user":"U3","channel":"D1","tab":"home"}""")).Payload).Event);

        Assert.Equal(("U3", "C1", "U1"), (joined.User, joined.Channel, joined.Inviter));
        Assert.Equal(("U3", "D1", "home"), (home.User, home.Channel, home.Tab));
    }

    [Fact]
    public void Parse_UnknownEventAndAppRateLimited_AreKeptAsUnknown()
    {
        var unknownEvent = ((EventCallback)Envelope(EventEnvelope("""{"type":"reaction_added","user":"U1"}""")).Payload).Event;
        var rateLimited = Envelope("""{"envelope_id":"e","type":"events_api","payload":{"type":"app_rate_limited","minute_rate_limited":1518467820,"team_id":"T1"}}""");

        Assert.Equal("reaction_added", Assert.IsType<UnknownEvent>(unknownEvent).Type);
        Assert.Equal("app_rate_limited", Assert.IsType<UnknownPayload>(rateLimited.Payload).Type);
        Assert.Equal("envelope:e", rateLimited.DeliveryKey);
    }

    [Theory]
    [InlineData("""{"envelope_id":"e1","type":"options_load","payload":{}}""", "unknown envelope type 'options_load'")]
    [InlineData("""{"envelope_id":"e1","type":"interactive"}""", "no payload object")]
    public void Parse_EnvelopeThatCannotBeRead_KeepsItsIdForTheAck(string json, string problem)
    {
        var unreadable = Assert.IsType<UnreadableEnvelope>(SocketMessageParser.Parse(json));

        Assert.Equal("e1", unreadable.EnvelopeId);
        Assert.Equal(problem, unreadable.Problem);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"no_type":true}""")]
    public void Parse_Garbage_IsMalformed(string text) =>
        Assert.IsType<MalformedMessage>(SocketMessageParser.Parse(text));

    private static SocketEnvelope Envelope(string json) =>
        Assert.IsType<EnvelopeMessage>(SocketMessageParser.Parse(json)).Envelope;

    private static MessageEvent Message(string eventJson) =>
        Assert.IsType<MessageEvent>(((EventCallback)Envelope(EventEnvelope(eventJson)).Payload).Event);

    private static string EventEnvelope(string eventJson) =>
        $$"""{"envelope_id":"e","type":"events_api","accepts_response_payload":false,"retry_attempt":0,"payload":{"type":"event_callback","event_id":"Ev9","team_id":"T1","event":{{eventJson}}} }""";
}
