using System.Text.Json.Nodes;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

public sealed class FakeSlackWebApiTests
{
    [Fact]
    public async Task AuthTest_NoAuthorizationHeader_NotAuthedWithHttp200()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(token: null);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Ok);
        Assert.Equal("not_authed", answer.Error);
        Assert.Equal("not_authed", fake.Requests.Single().Error);
    }

    [Fact]
    public async Task AuthTest_TokenOnlyAsFormField_NotAuthed()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(token: null);

        var answer = await SlackHttp.CallFormAsync(http, fake, SlackMethods.AuthTest, ("token", fake.BotToken));

        Assert.Equal("not_authed", answer.Error);
    }

    [Fact]
    public async Task AuthTest_WrongToken_InvalidAuth()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client("xoxb-not-the-token");

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);

        Assert.Equal(200, answer.Status);
        Assert.Equal("invalid_auth", answer.Error);
    }

    [Fact]
    public async Task AuthTest_RevokedToken_TokenRevoked()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        fake.RevokeToken(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);

        Assert.Equal("token_revoked", answer.Error);
    }

    [Fact]
    public async Task AuthTest_BotToken_ReportsBotIdentity()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);

        Assert.True(answer.Ok);
        Assert.Equal(fake.BotUserId, answer.Json!["user_id"]!.GetValue<string>());
        Assert.Equal(fake.BotId, answer.Json["bot_id"]!.GetValue<string>());
        Assert.Equal(fake.TeamId, answer.Json["team_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_JsonWithoutCharset_MissingCharsetWarning()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        using var content = new StringContent("{}");
        content.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync(new Uri(fake.ApiBaseUrl + SlackMethods.AuthTest), content);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("missing_charset", body["warning"]!.GetValue<string>());
        var withCharset = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);
        Assert.Null(withCharset.Json!["warning"]);
    }

    [Fact]
    public async Task UnknownMethod_Any_UnknownMethod()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, "chat.scheduleMessage");

        Assert.Equal(200, answer.Status);
        Assert.Equal("unknown_method", answer.Error);
        Assert.Equal("chat.scheduleMessage", fake.Requests.Single().Method);
    }

    [Fact]
    public async Task Call_Get_InsecureRequest()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var text = await http.GetStringAsync(new Uri(fake.ApiBaseUrl + SlackMethods.AuthTest));

        Assert.Equal("insecure_request", JsonNode.Parse(text)!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConnectionsOpen_BotToken_NotAllowedTokenType()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen);

        Assert.Equal("not_allowed_token_type", answer.Error);
    }

    [Fact]
    public async Task PostMessage_AppToken_NotAllowedTokenType()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.AppToken);

        var answer = await SlackHttp.PostMessageAsync(http, fake, "C1", "hello");

        Assert.Equal("not_allowed_token_type", answer.Error);
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task ConnectionsOpen_AppToken_FreshLoopbackUrlEachCall()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.AppToken);

        var first = await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen);
        var second = await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen);

        var url = first.Json!["url"]!.GetValue<string>();
        Assert.StartsWith("ws://127.0.0.1:", url, StringComparison.Ordinal);
        Assert.Contains("/link/?ticket=", url, StringComparison.Ordinal);
        Assert.Contains("app_id=" + fake.AppId, url, StringComparison.Ordinal);
        Assert.NotEqual(url, second.Json!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessage_Json_ReturnsChannelTsMessageAndStoresIt()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.PostMessageAsync(http, fake, "C1", "Question of the day");

        Assert.True(answer.Ok);
        Assert.Equal("C1", answer.Json!["channel"]!.GetValue<string>());
        var ts = answer.Json["ts"]!.GetValue<string>();
        Assert.Matches(@"^\d+\.\d{6}$", ts);
        Assert.Equal(ts, answer.Json["message"]!["ts"]!.GetValue<string>());
        Assert.Equal(fake.BotId, answer.Json["message"]!["bot_id"]!.GetValue<string>());
        var stored = Assert.Single(fake.Messages);
        Assert.Equal((MessageSource.PostMessage, "C1", ts, "Question of the day"), (stored.Source, stored.Channel, stored.Ts, stored.Text));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task PostMessage_FormWithJsonStringBlocks_ParsedLikeJson()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var blocks = new JsonArray(Section("x"));

        var answer = await SlackHttp.CallFormAsync(http, fake, SlackMethods.ChatPostMessage, ("channel", "C1"), ("text", "fallback"), ("blocks", blocks.ToJsonString()));

        Assert.True(answer.Ok);
        var call = fake.Requests.Single();
        Assert.Equal("form", call.BodyFormat);
        Assert.IsType<JsonArray>(call.Args["blocks"]);
        Assert.Equal("x", fake.Messages.Single().Blocks![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessage_FormWithBrokenBlocks_InvalidBlocksFormat()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallFormAsync(http, fake, SlackMethods.ChatPostMessage, ("channel", "C1"), ("text", "t"), ("blocks", "[{not json"));

        Assert.Equal("invalid_blocks_format", answer.Error);
    }

    [Theory]
    [InlineData("missing", "channel_not_found")]
    [InlineData("archived", "is_archived")]
    [InlineData("outsider", "not_in_channel")]
    public async Task PostMessage_ChannelScripted_ErrorString(string state, string error)
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var channel = fake.Channel("C1");
        channel.Exists = state != "missing";
        channel.IsArchived = state == "archived";
        channel.BotIsMember = state != "outsider";

        var answer = await SlackHttp.PostMessageAsync(http, fake, "C1", "hello");

        Assert.Equal(200, answer.Status);
        Assert.Equal(error, answer.Error);
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task PostMessage_NoTextNoBlocks_NoText()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatPostMessage, new JsonObject { ["channel"] = "C1" });

        Assert.Equal("no_text", answer.Error);
    }

    [Fact]
    public async Task PostMessage_ThreadReply_StoredUnderParentWithoutAdvice()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var parent = await SlackHttp.PostMessageAsync(http, fake, "C1", "question");
        var parentTs = parent.Json!["ts"]!.GetValue<string>();

        var reply = await SlackHttp.PostMessageAsync(http, fake, "C1", "answer", threadTs: parentTs);

        Assert.Equal(parentTs, reply.Json!["message"]!["thread_ts"]!.GetValue<string>());
        Assert.Equal(parentTs, fake.Messages[1].ThreadTs);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task PostMessage_ThreadTsOfNoMessage_AcceptedWithAdvice()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var reply = await SlackHttp.PostMessageAsync(http, fake, "C1", "answer", threadTs: "1700000000.000001");

        Assert.True(reply.Ok);
        var advice = Assert.Single(fake.Violations);
        Assert.Equal((ViolationKind.Advice, "/thread_ts"), (advice.Kind, advice.JsonPointer));
    }

    [Fact]
    public async Task PostMessage_SectionTextOver3000_InvalidBlocksWithJsonPointer()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.PostMessageAsync(http, fake, "C1", "fallback", new JsonArray(Section(new string('a', 3001))));

        Assert.Equal("invalid_blocks", answer.Error);
        var line = answer.Json!["response_metadata"]!["messages"]![0]!.GetValue<string>();
        Assert.Equal("[ERROR] must be no more than 3000 characters (has 3001) [json-pointer:/blocks/0/text/text]", line);
        var violation = Assert.Single(fake.Violations);
        Assert.Equal((ViolationKind.Rejected, SlackMethods.ChatPostMessage), (violation.Kind, violation.Source));
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task PostMessage_MentionsInRenderedText_AcceptedButFlagged()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.PostMessageAsync(http, fake, "C1", "hey <!here>", new JsonArray(Section("ping <@U123ABC> and <!channel>")));

        Assert.True(answer.Ok);
        Assert.Equal(
            ["/text: mentions <!here>", "/blocks/0/text/text: mentions <@U123ABC>", "/blocks/0/text/text: mentions <!channel>"],
            fake.Violations.Where(v => v.Kind == ViolationKind.Mention).Select(v => $"{v.JsonPointer}: {v.Problem}"));
    }

    [Fact]
    public async Task PostMessage_EscapedMention_NotFlagged()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        await SlackHttp.PostMessageAsync(http, fake, "C1", "a user typed &lt;!channel&gt; and &lt;@U1&gt;");

        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task PostMessage_BlocksWithoutText_AcceptedWithAdvice()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatPostMessage, new JsonObject { ["channel"] = "C1", ["blocks"] = new JsonArray(Section("x")) });

        Assert.True(answer.Ok);
        Assert.Equal(ViolationKind.Advice, Assert.Single(fake.Violations).Kind);
    }

    [Fact]
    public async Task PostMessage_UserIdAsChannel_PostsToTheirDm()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.PostMessageAsync(http, fake, FakeSlack.DefaultUserId, "psst");

        Assert.Equal(fake.DirectMessageChannelOf(FakeSlack.DefaultUserId), answer.Json!["channel"]!.GetValue<string>());
        Assert.StartsWith("D", answer.Json["channel"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEphemeral_MemberUser_MessageTsAndStoredForThatUser()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatPostEphemeral, new JsonObject { ["channel"] = "C1", ["user"] = FakeSlack.DefaultUserId, ["text"] = "only you" });

        Assert.True(answer.Ok);
        var stored = Assert.Single(fake.Messages);
        Assert.Equal(answer.Json!["message_ts"]!.GetValue<string>(), stored.Ts);
        Assert.Equal(FakeSlack.DefaultUserId, stored.EphemeralTo);
    }

    [Fact]
    public async Task PostEphemeral_UserNotInChannel_UserNotInChannel()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        fake.Channel("C1").RemoveUser(FakeSlack.DefaultUserId);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatPostEphemeral, new JsonObject { ["channel"] = "C1", ["user"] = FakeSlack.DefaultUserId, ["text"] = "x" });

        Assert.Equal("user_not_in_channel", answer.Error);
    }

    [Fact]
    public async Task Update_PostedMessage_NewTextAndEditRecorded()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var posted = await SlackHttp.PostMessageAsync(http, fake, "C1", "before");
        var ts = posted.Json!["ts"]!.GetValue<string>();

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatUpdate, new JsonObject { ["channel"] = "C1", ["ts"] = ts, ["text"] = "after" });

        Assert.True(answer.Ok);
        Assert.Equal("after", answer.Json!["text"]!.GetValue<string>());
        var message = fake.Messages.Single();
        Assert.Equal("after", message.Text);
        Assert.Single(message.Edits);
    }

    [Fact]
    public async Task Update_EphemeralTs_MessageNotFound()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var posted = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatPostEphemeral, new JsonObject { ["channel"] = "C1", ["user"] = FakeSlack.DefaultUserId, ["text"] = "x" });

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ChatUpdate, new JsonObject { ["channel"] = "C1", ["ts"] = posted.Json!["message_ts"]!.DeepClone(), ["text"] = "y" });

        Assert.Equal("message_not_found", answer.Error);
    }

    [Fact]
    public async Task UsersInfo_ConfiguredUser_TimeZoneAndRoleFields()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        fake.AddUser(new FakeSlackUser("U2") { Tz = "America/Los_Angeles", TzLabel = "Pacific Standard Time", TzOffset = -28800, IsAdmin = true });

        var answer = await SlackHttp.CallFormAsync(http, fake, SlackMethods.UsersInfo, ("user", "U2"));

        var user = answer.Json!["user"]!;
        Assert.Equal("America/Los_Angeles", user["tz"]!.GetValue<string>());
        Assert.Equal(-28800, user["tz_offset"]!.GetValue<int>());
        Assert.True(user["is_admin"]!.GetValue<bool>());
        Assert.False(user["is_owner"]!.GetValue<bool>());
        Assert.False(user["deleted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UsersInfo_NoTimeZone_FieldsAbsent()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        fake.AddUser(new FakeSlackUser("U2") { Tz = null, TzLabel = null, TzOffset = null });

        var answer = await SlackHttp.CallFormAsync(http, fake, SlackMethods.UsersInfo, ("user", "U2"));

        Assert.Null(answer.Json!["user"]!["tz"]);
        Assert.Null(answer.Json["user"]!["tz_offset"]);
    }

    [Fact]
    public async Task UsersInfo_UnknownUser_UserNotFound()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallFormAsync(http, fake, SlackMethods.UsersInfo, ("user", "UNOBODY"));

        Assert.Equal("user_not_found", answer.Error);
    }

    [Fact]
    public async Task UsersInfo_JsonBody_ArgumentsUnseenAndAdvice()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.UsersInfo, new JsonObject { ["user"] = FakeSlack.DefaultUserId });

        Assert.Equal("user_not_found", answer.Error);
        Assert.Equal(ViolationKind.Advice, Assert.Single(fake.Violations).Kind);
    }

    [Fact]
    public async Task ConversationsOpen_SameUserTwice_SameDmId()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var first = await SlackHttp.CallAsync(http, fake, SlackMethods.ConversationsOpen, new JsonObject { ["users"] = FakeSlack.DefaultUserId });
        var second = await SlackHttp.CallAsync(http, fake, SlackMethods.ConversationsOpen, new JsonObject { ["users"] = FakeSlack.DefaultUserId });
        var unknown = await SlackHttp.CallAsync(http, fake, SlackMethods.ConversationsOpen, new JsonObject { ["users"] = "UNOBODY" });

        var id = first.Json!["channel"]!["id"]!.GetValue<string>();
        Assert.StartsWith("D", id, StringComparison.Ordinal);
        Assert.Equal(id, second.Json!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("user_not_found", unknown.Error);
    }

    [Fact]
    public async Task ReactionsAdd_Twice_SecondAlreadyReacted()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var posted = await SlackHttp.PostMessageAsync(http, fake, "C1", "q");
        var reaction = new JsonObject { ["channel"] = "C1", ["timestamp"] = posted.Json!["ts"]!.DeepClone(), ["name"] = "white_check_mark" };

        var first = await SlackHttp.CallAsync(http, fake, SlackMethods.ReactionsAdd, reaction);
        var second = await SlackHttp.CallAsync(http, fake, SlackMethods.ReactionsAdd, reaction);

        Assert.True(first.Ok);
        Assert.Equal("already_reacted", second.Error);
        Assert.Equal("white_check_mark", Assert.Single(fake.Reactions).Name);
    }

    [Theory]
    [InlineData(":tada:", "invalid_name")]
    [InlineData("tada", "message_not_found")]
    public async Task ReactionsAdd_BadNameOrUnknownMessage_Error(string name, string error)
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ReactionsAdd, new JsonObject { ["channel"] = "C1", ["timestamp"] = "1.000001", ["name"] = name });

        Assert.Equal(error, answer.Error);
    }

    [Fact]
    public async Task ReactionsAdd_UserMessageFromPushedEvent_Accepted()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var client = await RawSocketClient.OpenAsync(fake);
        await client.ReceiveAsync();
        var pushed = await fake.PushAsync(fake.Payloads.MessageEvent("my answer"));
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ReactionsAdd, new JsonObject
        {
            ["channel"] = FakeSlack.DefaultChannelId,
            ["timestamp"] = pushed.Payload["event"]!["ts"]!.DeepClone(),
            ["name"] = "eyes",
        });

        Assert.True(answer.Ok);
    }

    [Fact]
    public async Task WaitForCallAsync_CallStillToCome_CompletesWhenItArrives()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var http = SlackHttp.Client(fake.BotToken);
        var waiting = fake.WaitForCallAsync(SlackMethods.ChatPostMessage, c => c.Arg("channel") == "C2");

        await SlackHttp.PostMessageAsync(http, fake, "C1", "not this one");
        Assert.False(waiting.IsCompleted);
        await SlackHttp.PostMessageAsync(http, fake, "C2", "this one");

        Assert.Equal("this one", (await waiting).Arg("text"));
    }

    internal static JsonObject Section(string text) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text },
    };
}
