using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

/// <summary>Modals, response_url and the payload builders: the parts that tie an envelope to later Web API calls.</summary>
public sealed class FakeSlackInteractionTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ViewsOpen_TriggerFromPushedCommand_OpensOnceThenExchanged()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.SlashCommand("/study", "answer"));
        using var http = SlackHttp.Client(fake.BotToken);
        var body = new JsonObject { ["trigger_id"] = sent.Payload["trigger_id"]!.DeepClone(), ["view"] = AnswerModal() };

        var first = await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, body);
        var second = await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, body);

        Assert.True(first.Ok);
        Assert.StartsWith("V", first.Json!["view"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("answer_v1", first.Json["view"]!["callback_id"]!.GetValue<string>());
        Assert.Equal("exchanged_trigger_id", second.Error);
        var view = Assert.Single(fake.Views);
        Assert.Equal(FakeSlack.DefaultUserId, view.UserId);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task ViewsOpen_MoreThan3sAfterPush_ExpiredTriggerId()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.SlashCommand("/study", "answer"));
        using var http = SlackHttp.Client(fake.BotToken);

        clock.Advance(TimeSpan.FromMilliseconds(3001));
        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, new JsonObject { ["trigger_id"] = sent.Payload["trigger_id"]!.DeepClone(), ["view"] = AnswerModal() });

        Assert.Equal("expired_trigger_id", answer.Error);
        Assert.False(fake.TriggerUsed(sent.Payload["trigger_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ViewsOpen_UnknownTrigger_InvalidTriggerId()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, new JsonObject { ["trigger_id"] = "123.456.abc", ["view"] = AnswerModal() });

        Assert.Equal("invalid_trigger_id", answer.Error);
    }

    [Fact]
    public async Task ViewsOpen_TitleOver24_InvalidArgumentsTriggerKept()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var sent = await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        using var http = SlackHttp.Client(fake.BotToken);
        var view = AnswerModal();
        view["title"]!["text"] = "Today's question, answer it";

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, new JsonObject { ["trigger_id"] = sent.Payload["trigger_id"]!.DeepClone(), ["view"] = view });

        Assert.Equal("invalid_arguments", answer.Error);
        Assert.Contains("[json-pointer:/view/title/text]", answer.Json!["response_metadata"]!["messages"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/view/title/text", Assert.Single(fake.Violations).JsonPointer);
        Assert.False(fake.TriggerUsed(sent.Payload["trigger_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ViewSubmission_FromOpenedView_StateValuesCallbackAndMetadata()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var command = await fake.PushAsync(fake.Payloads.SlashCommand("/study", "answer"));
        await client.ReceiveAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, new JsonObject { ["trigger_id"] = command.Payload["trigger_id"]!.DeepClone(), ["view"] = AnswerModal() });
        var view = await fake.WaitForViewAsync();

        var submission = await fake.PushAsync(fake.Payloads.ViewSubmission(view, ("answer", "text", "Mitochondria")));
        var frame = await client.ReceiveAsync();

        var payload = frame!["payload"]!;
        Assert.Equal("view_submission", payload["type"]!.GetValue<string>());
        Assert.True(frame["accepts_response_payload"]!.GetValue<bool>());
        Assert.Equal(view.Id, payload["view"]!["id"]!.GetValue<string>());
        Assert.Equal("answer_v1", payload["view"]!["callback_id"]!.GetValue<string>());
        Assert.Equal("{\"q\":42}", payload["view"]!["private_metadata"]!.GetValue<string>());
        var value = payload["view"]!["state"]!["values"]!["answer"]!["text"]!;
        Assert.Equal(("plain_text_input", "Mitochondria"), (value["type"]!.GetValue<string>(), value["value"]!.GetValue<string>()));
        Assert.Equal(FakeSlack.DefaultUserId, payload["user"]!["id"]!.GetValue<string>());
        Assert.Equal(submission.EnvelopeId, frame["envelope_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ViewSubmission_UnknownBlock_Throws()
    {
        await using var fake = await FakeSlack.StartAsync();
        var view = new FakeSlackView("V1", "t", null, AnswerModal(), "h", Start);

        Assert.Throws<ArgumentException>(() => fake.Payloads.ViewSubmission(view, ("nope", "text", "x")));
    }

    [Fact]
    public async Task Ack_ViewSubmissionErrorsForUnknownBlock_Rejected()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var view = new FakeSlackView("V1", "t", null, AnswerModal(), "h", Start);
        await fake.PushAsync(fake.Payloads.ViewSubmission(view, ("answer", "text", "")));
        var id = (await client.ReceiveAsync())!["envelope_id"]!.GetValue<string>();

        await client.AckAsync(id, new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { ["answr"] = "Too short" } });

        var violation = await fake.WaitForViolationAsync(v => v.Source == "ack view_submission");
        Assert.Equal(("/errors/answr", ViolationKind.Rejected), (violation.JsonPointer, violation.Kind));
    }

    [Fact]
    public async Task Ack_SlashCommandReplyWithMention_Flagged()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        var id = (await client.ReceiveAsync())!["envelope_id"]!.GetValue<string>();

        await client.AckAsync(id, new JsonObject { ["text"] = "Everyone look <!everyone>" });

        var violation = await fake.WaitForViolationAsync(v => v.Kind == ViolationKind.Mention);
        Assert.Equal("ack slash_commands", violation.Source);
    }

    [Fact]
    public async Task Ack_PayloadOnEvent_Advice()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        await fake.PushAsync(fake.Payloads.MessageEvent("x"));
        var id = (await client.ReceiveAsync())!["envelope_id"]!.GetValue<string>();

        await client.AckAsync(id, new JsonObject { ["text"] = "not wanted" });

        Assert.Equal(ViolationKind.Advice, (await fake.WaitForViolationAsync(v => v.Source == "ack event_callback")).Kind);
    }

    [Fact]
    public async Task BlockActions_FromPostedMessage_ButtonValueContainerAndMessage()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        using var http = SlackHttp.Client(fake.BotToken);
        await SlackHttp.PostMessageAsync(http, fake, "C1", "Question", new JsonArray(AnswerButtons()));
        var question = fake.Messages.Single();

        await fake.PushAsync(fake.Payloads.BlockActions(question, "answer_open"));
        var payload = (await client.ReceiveAsync())!["payload"]!;

        Assert.Equal("block_actions", payload["type"]!.GetValue<string>());
        var action = payload["actions"]![0]!;
        Assert.Equal(("answer_open", "q_2026-01-05", "q42"), (action["action_id"]!.GetValue<string>(), action["block_id"]!.GetValue<string>(), action["value"]!.GetValue<string>()));
        Assert.Equal("message", payload["container"]!["type"]!.GetValue<string>());
        Assert.Equal(question.Ts, payload["container"]!["message_ts"]!.GetValue<string>());
        Assert.Equal(question.Ts, payload["message"]!["ts"]!.GetValue<string>());
        Assert.Equal("C1", payload["channel"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(payload["trigger_id"]!.GetValue<string>()));
        Assert.StartsWith(fake.BaseUrl + "/actions/", payload["response_url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseUrl_ReplaceOriginal_EditsTheClickedMessage()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        using var bot = SlackHttp.Client(fake.BotToken);
        await SlackHttp.PostMessageAsync(bot, fake, "C1", "Question", new JsonArray(AnswerButtons()));
        var question = fake.Messages.Single();
        var click = await fake.PushAsync(fake.Payloads.BlockActions(question, "answer_open"));
        using var anonymous = SlackHttp.Client(token: null);

        var answer = await SlackHttp.PostJsonAsync(anonymous, click.Payload["response_url"]!.GetValue<string>(), new JsonObject { ["replace_original"] = true, ["text"] = "Answered" });

        Assert.True(answer.Ok);
        Assert.Equal("Answered", question.Text);
        Assert.Single(fake.Messages);
    }

    [Fact]
    public async Task ResponseUrl_InChannelAndEphemeral_StoredAccordingly()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var command = await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        var url = command.Payload["response_url"]!.GetValue<string>();
        using var http = SlackHttp.Client(token: null);

        await SlackHttp.PostJsonAsync(http, url, new JsonObject { ["text"] = "just you" });
        await SlackHttp.PostJsonAsync(http, url, new JsonObject { ["text"] = "everyone", ["response_type"] = "in_channel" });

        Assert.Equal([FakeSlack.DefaultUserId, null], fake.Messages.Select(m => m.EphemeralTo));
        Assert.All(fake.Messages, m => Assert.Equal(MessageSource.ResponseUrl, m.Source));
        Assert.Equal(2, fake.ResponseUrlUses(url));
    }

    [Fact]
    public async Task ResponseUrl_SixthUse_UsedUrl()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var command = await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        var url = command.Payload["response_url"]!.GetValue<string>();
        using var http = SlackHttp.Client(token: null);

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await SlackHttp.PostJsonAsync(http, url, new JsonObject { ["text"] = $"update {i}" }));
        }

        Assert.All(answers.Take(5), a => Assert.True(a.Ok));
        Assert.Equal((404, "used_url"), (answers[5].Status, answers[5].Error));
    }

    [Fact]
    public async Task ResponseUrl_After30Minutes_ExpiredUrl()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var command = await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        using var http = SlackHttp.Client(token: null);

        clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var answer = await SlackHttp.PostJsonAsync(http, command.Payload["response_url"]!.GetValue<string>(), new JsonObject { ["text"] = "late" });

        Assert.Equal("expired_url", answer.Error);
    }

    [Fact]
    public async Task ResponseUrl_InvalidBlocks_RefusedAndRecorded()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (client, _) = await RawSocketClient.OpenWithHelloAsync(fake);
        using var _client = client;
        var command = await fake.PushAsync(fake.Payloads.SlashCommand("/study"));
        using var http = SlackHttp.Client(token: null);
        var header = new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 151) } };

        var answer = await SlackHttp.PostJsonAsync(http, command.Payload["response_url"]!.GetValue<string>(), new JsonObject { ["text"] = "t", ["blocks"] = new JsonArray(header) });

        Assert.Equal("invalid_blocks", answer.Error);
        Assert.Equal((SlackMethods.ResponseUrl, "/blocks/0/text/text"), (fake.Violations.Single().Source, fake.Violations.Single().JsonPointer));
    }

    [Fact]
    public async Task MessageEvent_ThreadReply_ParentUserIsTheBot()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var question = await SlackHttp.PostMessageAsync(http, fake, FakeSlack.DefaultChannelId, "Question");
        var ts = question.Json!["ts"]!.GetValue<string>();

        var reply = fake.Payloads.MessageEvent("my answer", threadTs: ts);

        var message = reply.Payload["event"]!;
        Assert.Equal(ts, message["thread_ts"]!.GetValue<string>());
        Assert.Equal(fake.BotUserId, message["parent_user_id"]!.GetValue<string>());
        Assert.Equal("channel", message["channel_type"]!.GetValue<string>());
        Assert.Equal("event_callback", reply.Payload["type"]!.GetValue<string>());
        Assert.StartsWith("Ev", reply.Payload["event_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(reply.AcceptsResponsePayload);
    }

    internal static JsonObject AnswerModal() => new()
    {
        ["type"] = "modal",
        ["callback_id"] = "answer_v1",
        ["private_metadata"] = "{\"q\":42}",
        ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Daily question" },
        ["submit"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Send" },
        ["close"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Cancel" },
        ["blocks"] = new JsonArray(new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = "answer",
            ["label"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Your answer" },
            ["element"] = new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "text", ["multiline"] = true, ["max_length"] = 3000 },
        }),
    };

    internal static JsonObject AnswerButtons() => new()
    {
        ["type"] = "actions",
        ["block_id"] = "q_2026-01-05",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = "answer_open",
            ["value"] = "q42",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Answer" },
        }),
    };
}
