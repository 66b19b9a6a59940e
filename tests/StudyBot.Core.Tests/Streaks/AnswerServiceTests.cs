using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Streaks;

public class AnswerServiceTests
{
    private const string Server = "discord:1100000000000000001";
    private const string Ada = "7";
    private const string GoodAnswer = "Canary a small share of traffic, compare metrics, then roll out.";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero)); // 19:00 in Berlin
    private readonly InMemoryMemberStore members = new();
    private readonly AnswerService answers;

    public AnswerServiceTests()
    {
        answers = new AnswerService(TestStreaks.Create(members, new InMemoryServerStore(), time));
    }

    [Fact]
    public async Task SubmitAsync_TwelfthDayInBerlin_ConfirmsDateZoneAndStreak()
    {
        await members.SetTimeZoneAsync(Server, Ada, "Ada", "Europe/Berlin", default);
        members.SeedActiveDays(Server, Ada, "Ada", Enumerable.Range(1, 11).Select(i => new DateOnly(2026, 11, 24).AddDays(-i)));

        var reply = await answers.SubmitAsync(Member("i-1"), 42, GoodAnswer, AnswerSource.AnswerButton, default);

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal("Counted for Tue 2026-11-24 (Europe/Berlin). Streak 12.", reply.Text);
        Assert.Equal(42, Assert.Single(members.Answers).QuestionId);
    }

    [Fact]
    public async Task SubmitAsync_SecondAnswerToday_SaysAlreadyCountedAndKeptAsPractice()
    {
        await answers.SubmitAsync(Member("i-1"), 42, GoodAnswer, AnswerSource.AnswerCommand, default);

        var reply = await answers.SubmitAsync(Member("i-2"), 42, GoodAnswer, AnswerSource.ThreadReply, default);

        Assert.Equal("Already counted today: Tue 2026-11-24 (UTC). This answer is kept as practice. Streak 1.", reply.Text);
    }

    [Fact]
    public async Task SubmitAsync_SameInteractionTwice_SaysAlreadyRecordedAndStoresOnce()
    {
        await answers.SubmitAsync(Member("i-1"), 42, GoodAnswer, AnswerSource.AnswerButton, default);

        var reply = await answers.SubmitAsync(Member("i-1"), 42, GoodAnswer, AnswerSource.AnswerButton, default);

        Assert.Equal("This answer was already recorded for Tue 2026-11-24 (UTC). Streak 1.", reply.Text);
        Assert.Single(members.Answers);
    }

    [Theory]
    [InlineData("too short")]
    [InlineData("   nineteen characters   ")] // 19 once trimmed: padding does not count
    [InlineData("")]
    public async Task SubmitAsync_BelowMinimumLength_RefusedAndNothingRecorded(string text)
    {
        var reply = await answers.SubmitAsync(Member("i-1"), 42, text, AnswerSource.AnswerButton, default);

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.StartsWith("An answer needs at least 20 characters to count (yours has ", reply.Text, StringComparison.Ordinal);
        Assert.Empty(members.Answers);
    }

    [Fact]
    public async Task SubmitAsync_ExactlyMinimumLength_Counted()
    {
        var reply = await answers.SubmitAsync(Member("i-1"), 42, new string('x', 20), AnswerSource.AnswerButton, default);

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Single(members.Answers);
    }

    [Fact]
    public async Task SubmitAsync_OverMaximumLength_RefusedAndNothingRecorded()
    {
        var reply = await answers.SubmitAsync(Member("i-1"), 42, new string('x', 4001), AnswerSource.AnswerButton, default);

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Contains("at most 4000", reply.Text, StringComparison.Ordinal);
        Assert.Empty(members.Answers);
    }

    private static MemberContext Member(string interactionId) => new(Server, Ada, "Ada", false, interactionId);
}
