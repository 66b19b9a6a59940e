using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Answers;

public sealed class AnswerFlowTests : IDisposable
{
    private const string GoodAnswer = "Two-tower retrieval with an ANN index, then a ranking model on rich features.";

    private readonly CoreHost host = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

    private AnswerFlow Flow => host.Flow;

    [Fact]
    public void OpenForm_DailyPostAnswerAction_FormForThatQuestionWithTheLengthRules()
    {
        var action = DailyPostReply.Build(TestGuide.Content.Questions[41], new DateOnly(2026, 11, 24)).Buttons.Single().ActionId;

        var form = Flow.OpenForm(action);

        Assert.NotNull(form);
        Assert.Equal(TestGuide.Content.Questions[41].Id, form.QuestionId);
        Assert.Equal(host.Streaks.MinAnswerLength, form.MinLength);
        Assert.Equal(host.Streaks.MaxAnswerLength, form.MaxLength);
        Assert.StartsWith(AnswerFlow.FormPrefix, form.FormId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("answer:")]
    [InlineData("answer:abc")]
    [InlineData("answer:-3")]
    [InlineData("answer:0")]
    [InlineData("answer:99999999999999999999")]
    [InlineData("review:42")]
    public void OpenForm_NotAnAnswerAction_Null(string action) => Assert.Null(Flow.OpenForm(action));

    [Fact]
    public void CappedAt_PlatformAllowsLess_KeepsTheSmallerMaximum()
    {
        var form = Flow.OpenForm("answer:42")!;

        Assert.Equal(3000, form.CappedAt(3000).MaxLength);
        Assert.Equal(form.MaxLength, form.CappedAt(int.MaxValue).MaxLength);
    }

    [Fact]
    public async Task SubmitFormAsync_GoodAnswer_CountsForTheFormsQuestionPrivately()
    {
        var form = Flow.OpenForm("answer:42")!;

        var reply = await Flow.SubmitFormAsync(CoreHost.Member(interactionId: "i-1"), form.FormId, GoodAnswer, CancellationToken.None);

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        var answer = Assert.Single(host.Members.Answers);
        Assert.Equal(42, answer.QuestionId);
        Assert.Equal(AnswerSource.AnswerButton, answer.Source);
    }

    [Fact]
    public async Task SubmitFormAsync_TooShort_ProblemAndNothingStored()
    {
        var reply = await Flow.SubmitFormAsync(CoreHost.Member(interactionId: "i-1"), AnswerFlow.FormPrefix + "42", "short", CancellationToken.None);

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Empty(host.Members.Answers);
    }

    [Fact]
    public async Task SubmitFormAsync_UnknownForm_ProblemAndNothingStored()
    {
        var reply = await Flow.SubmitFormAsync(CoreHost.Member(interactionId: "i-1"), "something-else", GoodAnswer, CancellationToken.None);

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Empty(host.Members.Answers);
    }

    [Fact]
    public async Task CreditThreadReplyAsync_FirstReplyOfTheDay_CreditedAsThreadReply()
    {
        var result = await Flow.CreditThreadReplyAsync(CoreHost.Member(interactionId: "message:1"), 42, CancellationToken.None);

        Assert.Equal(CreditStatus.Credited, result.Status);
        Assert.Equal(AnswerSource.ThreadReply, Assert.Single(host.Members.Answers).Source);
    }

    public void Dispose() => host.Dispose();
}
