using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Posting;

namespace StudyBot.Discord.Tests.Adapter;

public sealed class DailyPostMessageTests
{
    private const string Server = "discord:1100000000000000009";

    /// <summary>A slot's nonce as Core makes it since version 4: 32 characters, more than Discord takes.</summary>
    private const string Token = "0123456789abcdef0123456789abcdef";

    private static DailyPost Post(string? role, string nonce = "abcdefghijklmnopqrstuvwxy") => new(
        new ServerSettings(Server, "123", new TimeOnly(9, 0), "Europe/Berlin", role, false, null, DateTimeOffset.UnixEpoch),
        Slot(nonce),
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
    public void BuildMessage_SlotWithA32CharacterToken_SendsItsFirst25Characters()
    {
        var message = DiscordDailyPostSender.BuildMessage(Post(null, Token));

        Assert.Equal("0123456789abcdef012345678", message["nonce"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789abcdef012345678")]
    [InlineData("abcdefghijklmnopqrstuvwxy", "abcdefghijklmnopqrstuvwxy")] // a version 3 slot's nonce, already cut to 25
    [InlineData("nonce-a-4", "nonce-a-4")]
    public void NonceOf_SlotNonce_AtMost25CharactersAndLegacyNoncesUnchanged(string stored, string sent)
    {
        var nonce = DiscordDailyPostSender.NonceOf(Slot(stored));

        Assert.Equal(sent, nonce);
        Assert.InRange(nonce.Length, 1, DiscordLimits.Nonce);
    }

    [Fact]
    public void NonceOf_RetryOfTheSameClaim_SameNonceAndOtherClaimsDiffer()
    {
        var claim = Slot(Token);

        var first = DiscordDailyPostSender.NonceOf(claim);
        var retry = DiscordDailyPostSender.NonceOf(claim with { });
        var nextDay = DiscordDailyPostSender.NonceOf(Slot("fedcba9876543210fedcba9876543210"));

        Assert.Equal(first, retry);
        Assert.NotEqual(first, nextDay);
    }

    [Fact]
    public void BuildMessage_WithoutRole_HasNoContentAndMentionsNobody()
    {
        var message = DiscordDailyPostSender.BuildMessage(Post(null));

        Assert.Null(message["content"]);
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(message["allowed_mentions"]!["roles"]!.AsArray());
    }

    private static DailySlot Slot(string nonce) =>
        new(Server, new DateOnly(2026, 11, 24), DailySlotStatus.Claimed, 42, 1, nonce, null, DateTimeOffset.UnixEpoch, null);
}
