using System.Text.Json.Nodes;
using StudyBot.Slack.Api;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Tests.Api;

public class SlackWebApiTests
{
    private static readonly SlackMessage Message = new("Fallback", [new JsonObject { ["type"] = "divider" }]);

    [Fact]
    public async Task AuthTest_ReadsTheBotsOwnIds()
    {
        using var harness = Answering("""{"ok":true,"url":"https://study.slack.test/","team":"Study","user":"studybot","team_id":"T1","user_id":"UBOT","bot_id":"BBOT","is_enterprise_install":false}""");

        var result = await harness.Web.AuthTestAsync(default);

        Assert.True(result.Ok);
        Assert.Equal(new SlackIdentity("UBOT", "BBOT", "T1", "Study", "https://study.slack.test/", false), result.Value);
    }

    [Fact]
    public async Task OpenConnection_ReturnsTheSocketUrl()
    {
        using var harness = Answering("""{"ok":true,"url":"wss://wss-primary.slack.test/link/?ticket=abc&app_id=A1"}""");

        var result = await harness.Web.OpenConnectionAsync(default);

        Assert.Equal(new Uri("wss://wss-primary.slack.test/link/?ticket=abc&app_id=A1"), result.Value);
        Assert.Equal("Bearer " + ApiHarness.AppToken, Assert.Single(harness.Http.Requests).Authorization);
    }

    [Fact]
    public async Task PostMessage_InAThread_SendsTextBlocksThreadAndNoUnfurling()
    {
        using var harness = Answering("""{"ok":true,"channel":"C1","ts":"1700000200.000300","message":{}}""");

        var result = await harness.Web.PostMessageAsync("C1", Message, "1700000000.000100", default);

        Assert.Equal(new PostedMessage("C1", "1700000200.000300"), result.Value);
        var body = Body(harness);
        Assert.Equal("C1", (string?)body["channel"]);
        Assert.Equal("Fallback", (string?)body["text"]);
        Assert.Equal("divider", (string?)body["blocks"]![0]!["type"]);
        Assert.Equal("1700000000.000100", (string?)body["thread_ts"]);
        Assert.False((bool)body["unfurl_links"]!);
        Assert.False((bool)body["unfurl_media"]!);
        Assert.Null(body["link_names"]);
        Assert.Null(body["parse"]);
    }

    [Fact]
    public async Task PostMessage_NotInAThread_HasNoThreadTs()
    {
        using var harness = Answering("""{"ok":true,"channel":"C1","ts":"1.2"}""");

        await harness.Web.PostMessageAsync("C1", Message, null, default);

        Assert.False(Body(harness).ContainsKey("thread_ts"));
    }

    [Fact]
    public async Task PostMessage_OkButNoTs_IsAnInvalidResponse()
    {
        using var harness = Answering("""{"ok":true,"channel":"C1"}""");

        var result = await harness.Web.PostMessageAsync("C1", Message, null, default);

        Assert.False(result.Ok);
        Assert.Equal(SlackApiFailure.InvalidResponse, result.Failure);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task PostMessage_NotInChannel_ComesBackAsTheError()
    {
        using var harness = Answering("""{"ok":false,"error":"not_in_channel"}""");

        var result = await harness.Web.PostMessageAsync("C1", Message, null, default);

        Assert.Equal("not_in_channel", result.Error);
        Assert.Equal(SlackApiFailure.ApiError, result.Failure);
    }

    [Fact]
    public async Task PostEphemeral_SendsUserAndChannel_ReturnsMessageTs()
    {
        using var harness = Answering("""{"ok":true,"message_ts":"1.5"}""");

        var result = await harness.Web.PostEphemeralAsync("C1", "U1", Message, null, default);

        Assert.Equal("1.5", result.Value);
        Assert.Equal("chat.postEphemeral", Assert.Single(harness.Http.Requests).Method);
        Assert.Equal("U1", (string?)Body(harness)["user"]);
    }

    [Fact]
    public async Task UpdateMessage_SendsChannelAndTs()
    {
        using var harness = Answering("""{"ok":true,"channel":"C1","ts":"1.2","text":"x"}""");

        var result = await harness.Web.UpdateMessageAsync("C1", "1.2", Message, default);

        Assert.True(result.Ok);
        Assert.Equal("1.2", (string?)Body(harness)["ts"]);
    }

    [Fact]
    public async Task OpenView_SendsTriggerAndView_ReturnsTheViewId()
    {
        using var harness = Answering("""{"ok":true,"view":{"id":"V42","type":"modal"}}""");

        var result = await harness.Web.OpenViewAsync("123.456.abc", new JsonObject { ["type"] = "modal" }, default);

        Assert.Equal("V42", result.Value);
        Assert.Equal("123.456.abc", (string?)Body(harness)["trigger_id"]);
        Assert.Equal("modal", (string?)Body(harness)["view"]!["type"]);
    }

    [Fact]
    public async Task OpenView_ExpiredTrigger_ComesBackAsTheError()
    {
        using var harness = Answering("""{"ok":false,"error":"expired_trigger_id"}""");

        var result = await harness.Web.OpenViewAsync("t", new JsonObject(), default);

        Assert.Equal("expired_trigger_id", result.Error);
    }

    [Fact]
    public async Task GetUser_ReadsTimeZoneAndRoleFlags()
    {
        using var harness = Answering("""
            {"ok":true,"user":{"id":"W012A3CDE","team_id":"T1","name":"spengler","deleted":false,"real_name":"Egon Spengler",
             "tz":"America/Los_Angeles","tz_label":"Pacific Daylight Time","tz_offset":-25200,
             "is_admin":true,"is_owner":false,"is_primary_owner":false,"is_restricted":false,"is_ultra_restricted":false,"is_bot":false}}
            """);

        var user = (await harness.Web.GetUserAsync("W012A3CDE", default)).Value!;

        Assert.Equal("W012A3CDE", user.Id);
        Assert.Equal("America/Los_Angeles", user.Tz);
        Assert.Equal("Pacific Daylight Time", user.TzLabel);
        Assert.Equal(-25200, user.TzOffset);
        Assert.True(user.IsAdmin);
        Assert.True(user.IsWorkspaceAdmin);
        Assert.False(user.IsBot);
        Assert.False(user.Deleted);
        Assert.Equal("Egon Spengler", user.RealName);
        Assert.Equal("user=W012A3CDE", Assert.Single(harness.Http.Requests).Body);
    }

    [Fact]
    public async Task GetUser_NoTimeZone_TzIsNull()
    {
        using var harness = Answering("""{"ok":true,"user":{"id":"U1","tz":"","is_bot":true,"deleted":true,"is_primary_owner":true}}""");

        var user = (await harness.Web.GetUserAsync("U1", default)).Value!;

        Assert.Null(user.Tz);
        Assert.Null(user.TzOffset);
        Assert.True(user.IsBot);
        Assert.True(user.Deleted);
        Assert.True(user.IsWorkspaceAdmin);
    }

    [Fact]
    public async Task OpenDirectMessage_ReturnsTheDmChannel()
    {
        using var harness = Answering("""{"ok":true,"channel":{"id":"D069C7QFK"}}""");

        var result = await harness.Web.OpenDirectMessageAsync("U1", default);

        Assert.Equal("D069C7QFK", result.Value);
        Assert.Equal("U1", (string?)Body(harness)["users"]);
    }

    [Fact]
    public async Task AddReaction_NameWithoutColons()
    {
        using var harness = Answering("""{"ok":true}""");

        await harness.Web.AddReactionAsync("C1", "1.2", ":white_check_mark:", default);

        var body = Body(harness);
        Assert.Equal("white_check_mark", (string?)body["name"]);
        Assert.Equal("1.2", (string?)body["timestamp"]);
        Assert.Equal("C1", (string?)body["channel"]);
    }

    [Fact]
    public async Task JoinChannel_SendsTheChannel()
    {
        using var harness = Answering("""{"ok":true,"channel":{"id":"C1"},"warning":"already_in_channel"}""");

        var result = await harness.Web.JoinChannelAsync("C1", default);

        Assert.True(result.Ok);
        Assert.Equal("already_in_channel", result.Warning);
        Assert.Equal("conversations.join", Assert.Single(harness.Http.Requests).Method);
    }

    [Fact]
    public async Task Respond_PostsTheMessageWithItsResponseType()
    {
        using var harness = Answering("""{"ok":true}""");

        await harness.Web.RespondAsync(new Uri("https://hooks.slack.test/commands/1"), Message, ephemeral: false, default);

        Assert.Equal("in_channel", (string?)Body(harness)["response_type"]);
        Assert.Equal("Fallback", (string?)Body(harness)["text"]);
    }

    private static ApiHarness Answering(string json)
    {
        var harness = new ApiHarness();
        harness.Http.Respond = (_, _) => Task.FromResult(ScriptedHttp.Json(json));
        return harness;
    }

    private static JsonObject Body(ApiHarness harness) => (JsonObject)JsonNode.Parse(Assert.Single(harness.Http.Requests).Body)!;
}
