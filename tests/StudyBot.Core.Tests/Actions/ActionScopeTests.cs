using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Actions;

public class ActionScopeTests
{
    private const string Server = "discord:1380000000000000100";

    private sealed class Feature : IActionHandler
    {
        public List<string> Pressed { get; } = [];

        public List<string> Submitted { get; } = [];

        public bool HandlesAction(string actionId) => actionId.StartsWith("answer:", StringComparison.Ordinal);

        public Task<ActionOutcome> PressAsync(MemberContext member, string actionId, CancellationToken cancellationToken)
        {
            Pressed.Add(actionId);
            return Task.FromResult(ActionOutcome.Show(Reply.Personal("pressed", actionId)));
        }

        public bool HandlesForm(string formId) => formId.StartsWith("answer-form:", StringComparison.Ordinal);

        public Task<Reply> SubmitAsync(MemberContext member, string formId, string text, CancellationToken cancellationToken)
        {
            Submitted.Add(formId);
            return Task.FromResult(Reply.Success("submitted", formId));
        }
    }

    private static MemberContext In(string serverId) => new(serverId, "40", "ada", IsAdmin: false, "i-1");

    [Fact]
    public void Bind_ThenUnbind_GivesTheServerAndTheFeaturesOwnId()
    {
        var bound = ActionScope.Bind(Server, "rate:1042:partly");

        Assert.Equal("@discord:1380000000000000100|rate:1042:partly", bound);
        Assert.True(ActionScope.TryUnbind(bound, out var server, out var inner));
        Assert.Equal(Server, server);
        Assert.Equal("rate:1042:partly", inner);
        Assert.Equal(bound, ActionScope.Bind("discord:9", bound));
    }

    [Theory]
    [InlineData("answer:42")]
    [InlineData("@|answer:42")]
    [InlineData("@discord:1|")]
    [InlineData("@nocolon|answer:42")]
    [InlineData("")]
    public void TryUnbind_IdsThatAreNotBound_AreLeftAsTheyAre(string id)
    {
        Assert.False(ActionScope.TryUnbind(id, out _, out var inner));
        Assert.Equal(id, inner);
    }

    [Fact]
    public void Bind_LongestServerIdAndActionId_FitsDiscordsCustomIdLimit()
    {
        var longestGuild = "discord:" + ulong.MaxValue;
        var ids = new[] { "answer:99999", "answer-form:99999", "rate:99999:partly", "review-form:99999", "keypoints:99999" };

        Assert.All(ids, id => Assert.True(ActionScope.Bind(longestGuild, id).Length <= ActionScope.MaxLength));
        Assert.Equal(new string('x', 90), ActionScope.Bind(longestGuild, new string('x', 90)));
    }

    [Fact]
    public async Task Dispatcher_BoundToTheMembersServer_ReachesTheFeatureWithItsOwnId()
    {
        var feature = new Feature();
        var dispatcher = new ActionDispatcher([feature]);

        await dispatcher.PressAsync(In(Server), ActionScope.Bind(Server, "answer:42"), CancellationToken.None);
        await dispatcher.SubmitFormAsync(In(Server), ActionScope.Bind(Server, "answer-form:42"), "text", CancellationToken.None);

        Assert.Equal(["answer:42"], feature.Pressed);
        Assert.Equal(["answer-form:42"], feature.Submitted);
        Assert.True(dispatcher.Handles(ActionScope.Bind(Server, "answer-form:42")));
    }

    [Fact]
    public async Task Dispatcher_BoundToAnotherServer_IsInactive_AndOldIdsStillWork()
    {
        var feature = new Feature();
        var dispatcher = new ActionDispatcher([feature]);

        var other = await dispatcher.PressAsync(In("discord:7"), ActionScope.Bind(Server, "answer:42"), CancellationToken.None);
        var submitted = await dispatcher.SubmitFormAsync(In("discord:7"), ActionScope.Bind(Server, "answer-form:42"), "text", CancellationToken.None);
        await dispatcher.PressAsync(In(Server), "answer:42", CancellationToken.None);

        Assert.Equal(ActionDispatcher.Inactive().Text, other.Reply!.Text);
        Assert.Equal(ReplyTone.Problem, submitted.Tone);
        Assert.Equal(["answer:42"], feature.Pressed);
        Assert.Empty(feature.Submitted);
    }

    [Fact]
    public void BindButtonsAndForm_BindEveryId()
    {
        var reply = Reply.Personal("t", "x").WithButtons(new ReplyButton("Got it", "rate:1:got"), new ReplyButton("Answer", "answer:1"));
        var form = new AnswerForm("answer-form:1", 1, "Answer Q#1", "Your answer", "…", 20, 4000);

        var bound = ActionScope.BindButtons(reply, Server);

        Assert.Equal(["@discord:1380000000000000100|rate:1:got", "@discord:1380000000000000100|answer:1"], bound.Buttons.Select(b => b.ActionId));
        Assert.Equal("@discord:1380000000000000100|answer-form:1", ActionScope.BindForm(form, Server).FormId);
    }
}
