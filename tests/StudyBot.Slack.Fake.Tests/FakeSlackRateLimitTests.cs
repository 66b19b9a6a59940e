using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

public sealed class FakeSlackRateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostMessage_BurstOverChannelAllowance_429RetryAfterAndOtherChannelUnaffected()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        using var http = SlackHttp.Client(fake.BotToken);

        for (var i = 0; i < fake.RateLimits.ChannelPostBurst; i++)
        {
            Assert.True((await SlackHttp.PostMessageAsync(http, fake, "C1", $"m{i}")).Ok);
        }

        var limited = await SlackHttp.PostMessageAsync(http, fake, "C1", "one too many");
        var elsewhere = await SlackHttp.PostMessageAsync(http, fake, "C2", "other channel");

        Assert.Equal(429, limited.Status);
        Assert.Equal("ratelimited", limited.Error);
        Assert.Equal("1", limited.RetryAfter);
        Assert.True(elsewhere.Ok);
        Assert.Equal(1, fake.RateLimits.TooManyRequestsFor(SlackMethods.ChatPostMessage));
        Assert.Equal(3, fake.Messages.Count(m => m.Channel == "C1"));
    }

    [Fact]
    public async Task PostMessage_AfterRetryAfter_AcceptedAgain()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        fake.RateLimits.ChannelPostBurst = 1;
        using var http = SlackHttp.Client(fake.BotToken);
        await SlackHttp.PostMessageAsync(http, fake, "C1", "first");
        var limited = await SlackHttp.PostMessageAsync(http, fake, "C1", "too soon");

        clock.Advance(TimeSpan.FromSeconds(int.Parse(limited.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture)));
        var later = await SlackHttp.PostMessageAsync(http, fake, "C1", "on time");

        Assert.Equal(429, limited.Status);
        Assert.True(later.Ok);
    }

    [Fact]
    public async Task ConnectionsOpen_OverTier1Budget_429UntilTheMinuteEnds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        using var http = SlackHttp.Client(fake.AppToken);
        var allowed = fake.RateLimits.Tier1PerWindow + fake.RateLimits.TierBurst;

        for (var i = 0; i < allowed; i++)
        {
            Assert.True((await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen)).Ok);
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        var limited = await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen);
        clock.Advance(TimeSpan.FromSeconds(40));
        var nextMinute = await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen);

        Assert.Equal(3, allowed);
        Assert.Equal((429, "40"), (limited.Status, limited.RetryAfter));
        Assert.True(nextMinute.Ok);
    }

    [Fact]
    public async Task UsersInfo_OwnBudgetSpent_429WhileAuthTestStillAnswers()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        fake.RateLimits.SetBudget(SlackMethods.UsersInfo, 2);
        using var http = SlackHttp.Client(fake.BotToken);

        await SlackHttp.CallFormAsync(http, fake, SlackMethods.UsersInfo, ("user", FakeSlack.DefaultUserId));
        await SlackHttp.CallFormAsync(http, fake, SlackMethods.UsersInfo, ("user", FakeSlack.DefaultUserId));
        var limited = await SlackHttp.CallFormAsync(http, fake, SlackMethods.UsersInfo, ("user", FakeSlack.DefaultUserId));
        var other = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);

        Assert.Equal(429, limited.Status);
        Assert.True(other.Ok);
        Assert.Equal(1, fake.RateLimits.TooManyRequestsSent);
    }

    [Fact]
    public async Task ScaleDown_By60_OneSecondWindows()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        fake.RateLimits.ScaleDown(60);
        fake.RateLimits.SetBudget(SlackMethods.AuthTest, 1);
        using var http = SlackHttp.Client(fake.BotToken);

        await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);
        var limited = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);
        clock.Advance(TimeSpan.FromSeconds(1));
        var next = await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);

        Assert.Equal(TimeSpan.FromSeconds(1), fake.RateLimits.Window);
        Assert.Equal((429, "1"), (limited.Status, limited.RetryAfter));
        Assert.True(next.Ok);
    }

    [Fact]
    public async Task RateLimits_Disabled_NoLimit()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.RateLimits.Enabled = false;
        using var http = SlackHttp.Client(fake.BotToken);

        for (var i = 0; i < 10; i++)
        {
            Assert.True((await SlackHttp.PostMessageAsync(http, fake, "C1", "spam")).Ok);
        }
    }

    [Fact]
    public async Task FailNext_RateLimited_OnlyTheNextCallAndCounted()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNext(SlackMethods.ChatPostMessage, SlackFailure.RateLimited(TimeSpan.FromSeconds(30)));
        using var http = SlackHttp.Client(fake.BotToken);

        var limited = await SlackHttp.PostMessageAsync(http, fake, "C1", "a");
        var next = await SlackHttp.PostMessageAsync(http, fake, "C1", "b");

        Assert.Equal((429, "30", "ratelimited"), (limited.Status, limited.RetryAfter, limited.Error));
        Assert.True(next.Ok);
        Assert.Equal(1, fake.RateLimits.TooManyRequestsFor(SlackMethods.ChatPostMessage));
    }

    [Fact]
    public async Task FailNext_HttpStatus_NonJson5xx()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNext(SlackMethods.ViewsOpen, SlackFailure.HttpStatus(503));
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ViewsOpen, new JsonObject { ["trigger_id"] = "x" });

        Assert.Equal(503, answer.Status);
        Assert.Null(answer.Json);
        Assert.Contains("503", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailNext_ErrorTwice_TwoCallsThenNormal()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNext(SlackMethods.AuthTest, SlackFailure.Error("internal_error"), times: 2);
        using var http = SlackHttp.Client(fake.BotToken);

        var answers = new[]
        {
            await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest),
            await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest),
            await SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest),
        };

        Assert.Equal(["internal_error", "internal_error", null], answers.Select(a => a.Error));
        Assert.All(answers, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public async Task FailNext_MissingScope_NeededAndProvided()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNext(SlackMethods.ReactionsAdd, SlackFailure.MissingScope("reactions:write", "chat:write,commands"));
        using var http = SlackHttp.Client(fake.BotToken);

        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.ReactionsAdd, new JsonObject { ["channel"] = "C1", ["timestamp"] = "1.1", ["name"] = "x" });

        Assert.Equal("missing_scope", answer.Error);
        Assert.Equal("reactions:write", answer.Json!["needed"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailNext_Delay_HeldUntilTheClockAdvances()
    {
        var clock = new FakeTimeProvider(Start);
        await using var fake = await FakeSlack.StartAsync(clock);
        fake.FailNext(SlackMethods.AuthTest, SlackFailure.Delay(TimeSpan.FromSeconds(5)));
        using var http = SlackHttp.Client(fake.BotToken);

        var call = SlackHttp.CallAsync(http, fake, SlackMethods.AuthTest);
        await fake.WaitForHeldCallAsync(SlackMethods.AuthTest);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True((await call.WaitAsync(FakeSlack.DefaultTimeout)).Ok);
    }

    [Fact]
    public async Task FailNext_BadToken_TokenCheckedFirstAndScriptKept()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.FailNext(SlackMethods.AuthTest, SlackFailure.Error("fatal_error"));
        using var wrong = SlackHttp.Client("xoxb-wrong");
        using var right = SlackHttp.Client(fake.BotToken);

        var refused = await SlackHttp.CallAsync(wrong, fake, SlackMethods.AuthTest);
        var scripted = await SlackHttp.CallAsync(right, fake, SlackMethods.AuthTest);

        Assert.Equal("invalid_auth", refused.Error);
        Assert.Equal("fatal_error", scripted.Error);
    }
}
