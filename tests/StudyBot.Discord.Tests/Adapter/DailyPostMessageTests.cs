using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Discord.Posting;

namespace StudyBot.Discord.Tests.Adapter;

public sealed class DailyPostMessageTests
{
    private static DailyPost Post(string? role) => new(
        new ServerSettings(9, "123", new TimeOnly(9, 0), "Europe/Berlin", role, false, null, DateTimeOffset.UnixEpoch),
        new DailySlot(9, new DateOnly(2026, 11, 24), DailySlotStatus.Claimed, 42, 1, "abcdefghijklmnopqrstuvwxy", null, DateTimeOffset.UnixEpoch, null),
        new InterviewQuestion(42, QuestionCategory.BestPractices, "How do you implement A/B tests properly? @everyone", "ab-testing"));

    [Fact]
    public void BuildMessage_WithRole_PingsOnlyThatRoleAndSendsTheNonce()
    {
        var message = DiscordDailyPostSender.BuildMessage(Post("555"));

        Assert.Equal("<@&555> today's question is up!", message["content"]!.GetValue<string>());
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(["555"], message["allowed_mentions"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("abcdefghijklmnopqrstuvwxy", message["nonce"]!.GetValue<string>());
        Assert.True(message["enforce_nonce"]!.GetValue<bool>());
        Assert.Equal("answer:42", message["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        Assert.Null(message["flags"]);
    }

    [Fact]
    public void BuildMessage_WithoutRole_HasNoContentAndMentionsNobody()
    {
        var message = DiscordDailyPostSender.BuildMessage(Post(null));

        Assert.Null(message["content"]);
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(message["allowed_mentions"]!["roles"]!.AsArray());
    }
}
