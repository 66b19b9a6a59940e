using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Actions;

public class ActionDispatcherTests
{
    private static readonly MemberContext Member = new("console:local", "local", "you", IsAdmin: false, "i-1");

    private sealed class Feature(string prefix) : IActionHandler
    {
        public List<string> Pressed { get; } = [];

        public List<(string FormId, string Text)> Submitted { get; } = [];

        public bool HandlesAction(string actionId) => actionId.StartsWith(prefix + ":", StringComparison.Ordinal);

        public Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken)
        {
            Pressed.Add(actionId);
            return Task.FromResult(actionId.EndsWith(":form", StringComparison.Ordinal)
                ? ActionOutcome.Open(new AnswerForm(prefix + "-form:1", 1, "Title", "Label", "…", 10, 100))
                : ActionOutcome.Show(Reply.Personal(prefix, actionId)));
        }

        public bool HandlesForm(string formId) => formId.StartsWith(prefix + "-form:", StringComparison.Ordinal);

        public Task<Reply> SubmitAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken)
        {
            Submitted.Add((formId, text));
            return Task.FromResult(Reply.Success(prefix, text));
        }
    }

    [Fact]
    public async Task PressAsync_GoesToTheFeatureWhosePrefixItCarries()
    {
        var rate = new Feature("rate");
        var review = new Feature("review");
        var dispatcher = new ActionDispatcher([rate, review]);

        var outcome = await dispatcher.PressAsync(Member, "review:7", CancellationToken.None);

        Assert.Equal("review:7", outcome.Reply?.Text);
        Assert.Empty(rate.Pressed);
        Assert.Equal(["review:7"], review.Pressed);
    }

    [Fact]
    public async Task PressAsync_AFormButton_OpensItsForm_AndTheSubmissionGoesBackToThatFeature()
    {
        var review = new Feature("review");
        var dispatcher = new ActionDispatcher([new Feature("rate"), review]);

        var outcome = await dispatcher.PressAsync(Member, "review:form", CancellationToken.None);
        var reply = await dispatcher.SubmitFormAsync(Member, outcome.Form!.FormId, "my answer", CancellationToken.None);

        Assert.Null(outcome.Reply);
        Assert.True(dispatcher.Handles("review-form:1"));
        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal([("review-form:1", "my answer")], review.Submitted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("unknown:1")]
    [InlineData("rate")]
    public async Task PressAsync_NobodysButton_NoLongerActive(string actionId)
    {
        var dispatcher = new ActionDispatcher([new Feature("rate")]);

        var outcome = await dispatcher.PressAsync(Member, actionId, CancellationToken.None);

        Assert.Null(outcome.Form);
        Assert.Equal(ReplyTone.Problem, outcome.Reply!.Tone);
        Assert.Contains("no longer active", outcome.Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitFormAsync_NobodysForm_AProblemAndNoFeatureCalled()
    {
        var rate = new Feature("rate");
        var dispatcher = new ActionDispatcher([rate]);

        var reply = await dispatcher.SubmitFormAsync(Member, "something-else:1", "text", CancellationToken.None);

        Assert.False(dispatcher.Handles("something-else:1"));
        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Empty(rate.Submitted);
    }
}
