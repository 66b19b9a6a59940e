using StudyBot.Core.Actions;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Learning;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Learning;

/// <summary>A server's own questions (ids from 1001) through the whole loop: answer → key points → rating → /review, /progress.</summary>
public sealed class OwnQuestionLearningTests : IDisposable
{
    private const string GoodAnswer = "Compare feature distributions between training and serving, then alert on drift.";

    // 10:00 in Berlin, after the 09:00 post time.
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static readonly OwnQuestionDraft WithKeyPoints = new(
        "How would you detect training-serving skew?",
        QuestionCategory.SystemDesign,
        ["Log the features as served", "Compare their distributions with training's (PSI, KS test)", "Share one feature definition"],
        ["Checking only the model's inputs offline"]);

    private static readonly OwnQuestionDraft WithoutKeyPoints = new(
        "How do you choose a learning rate schedule for fine-tuning?", QuestionCategory.Algorithms, [], []);

    private readonly CoreHost host = new(Start);

    public void Dispose() => host.Dispose();

    private async Task<IReadOnlyList<OwnQuestion>> AddAsync(params OwnQuestionDraft[] drafts) =>
        await host.Questions.AddAsync(CoreHost.ServerId, drafts, "9", Start, default);

    private async Task PostOwnQuestionTodayAsync()
    {
        await host.Servers.SaveAsync(
            new ServerSettings(CoreHost.ServerId, "daily", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, Start.AddDays(-1), QuestionSource.Own),
            default);
        var posted = await host.Daily.PostNowAsync(CoreHost.ServerId, default);
        Assert.True(QuestionCatalog.IsOwnId(posted.Slot!.QuestionId!.Value));
    }

    [Fact]
    public async Task Answer_DailyPostIsAnOwnQuestion_ShowsItsStoredKeyPointsAndPitfalls()
    {
        await AddAsync(WithKeyPoints);
        await PostOwnQuestionTodayAsync();

        var reply = await host.RunAsync("answer", options: ("text", GoodAnswer));

        Assert.Equal("Answer counted", reply.Title);
        Assert.Equal(string.Join('\n', WithKeyPoints.KeyPoints.Select(p => "• " + p)), Field(reply, KeyPointsCard.KeyPointsField));
        Assert.Equal("• " + WithKeyPoints.Pitfalls[0], Field(reply, KeyPointsCard.PitfallsField));
        Assert.DoesNotContain(KeyPointsCard.NoKeyPointsYet, Field(reply, KeyPointsCard.RateField), StringComparison.Ordinal);
        Assert.Equal(["rate:1001:missed", "rate:1001:partly", "rate:1001:got"], reply.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task Answer_OwnQuestionWithoutKeyPoints_OffersTheRatingAnyway_AndSaysItHasNoneYet()
    {
        await AddAsync(WithoutKeyPoints);
        await PostOwnQuestionTodayAsync();

        var reply = await host.RunAsync("answer", options: ("text", GoodAnswer));

        Assert.Equal("Answer counted", reply.Title);
        Assert.DoesNotContain(reply.Fields, f => f.Name == KeyPointsCard.KeyPointsField || f.Name == KeyPointsCard.PitfallsField);
        Assert.StartsWith(KeyPointsCard.NoKeyPointsYet, Field(reply, KeyPointsCard.RateField), StringComparison.Ordinal);
        Assert.Equal(["rate:1001:missed", "rate:1001:partly", "rate:1001:got"], reply.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task Rate_OwnQuestion_SchedulesIt_AndReviewServesItTheNextDay()
    {
        await AddAsync(WithKeyPoints);

        var rated = await Press("rate:1001:missed");
        Assert.Equal("Q#1001 comes back for /review on Wed 2026-12-09 (tomorrow).", rated.Text);
        Assert.Equal(1001, Assert.Single(await host.Ratings.GetAsync(CoreHost.ServerId, "7", default)).QuestionId);
        Assert.Equal("Nothing is due today. Next: Q#1001 on Wed 2026-12-09 (tomorrow).", (await host.RunAsync("review")).Text);

        host.Time.Advance(TimeSpan.FromDays(1));
        var review = await host.RunAsync("review");

        Assert.Equal("Review · Q#1001 · System design for ML · this server's", review.Title);
        Assert.Equal(WithKeyPoints.Text, review.Text);
        Assert.Equal(["review:1001", "keypoints:1001"], review.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task ReviewForm_OwnQuestion_ShowsItsKeyPoints_AndNeverCountsForTheStreak()
    {
        await AddAsync(WithKeyPoints);
        await Press("rate:1001:missed");
        host.Time.Advance(TimeSpan.FromDays(1));

        var outcome = await host.Actions.PressAsync(CoreHost.Member(), "review:1001", default);
        var form = Assert.IsType<StudyBot.Core.Answers.AnswerForm>(outcome.Form);
        var reply = await host.Actions.SubmitFormAsync(CoreHost.Member(), form.FormId, GoodAnswer, default);

        Assert.Equal("Review · Q#1001", reply.Title);
        Assert.StartsWith(WithKeyPoints.Text, reply.Text, StringComparison.Ordinal);
        Assert.Contains(WithKeyPoints.KeyPoints[1], Field(reply, KeyPointsCard.KeyPointsField), StringComparison.Ordinal);
        Assert.Equal("rate:1001:got", reply.Buttons[^1].ActionId);
        Assert.Empty(host.Members.Answers);
    }

    [Fact]
    public async Task ShowKeyPoints_OwnQuestion_ShowsItsOwn_OrSaysThereAreNoneYet()
    {
        await AddAsync(WithKeyPoints, WithoutKeyPoints);

        var with = await Press("keypoints:1001");
        var without = await Press("keypoints:1002");

        Assert.Equal(("Key points · Q#1001", WithKeyPoints.Text), (with.Title, with.Text));
        Assert.Equal(WithKeyPoints.KeyPoints.Count, Field(with, KeyPointsCard.KeyPointsField).Split('\n').Length);
        Assert.Equal(("Key points · Q#1002", WithoutKeyPoints.Text), (without.Title, without.Text));
        Assert.StartsWith(KeyPointsCard.NoKeyPointsYet, Field(without, KeyPointsCard.RateField), StringComparison.Ordinal);
        Assert.Equal("rate:1002:got", without.Buttons[^1].ActionId);
    }

    [Fact]
    public async Task Review_RetiredOwnQuestionTheMemberRated_IsStillServed()
    {
        // Retiring takes a question out of the daily rotation; a member who rated it still wants to learn it.
        var own = await AddAsync(WithKeyPoints);
        await Press("rate:1001:partly");
        await host.Questions.UpdateAsync(own[0] with { Retired = true }, default);
        host.Time.Advance(TimeSpan.FromDays(1));

        var review = await host.RunAsync("review");
        var rated = await Press("rate:1001:got");

        Assert.Equal("Review · Q#1001 · System design for ML · this server's", review.Title);
        Assert.Equal("Q#1001 comes back for /review on Tue 2026-12-15 (in 6 days).", rated.Text);
    }

    [Fact]
    public async Task Rate_OwnIdThisServerDoesNotHave_SaysSoAndStoresNothing()
    {
        await host.Questions.AddAsync("slack:T0OTHER01", [WithKeyPoints], "9", Start, default);

        var reply = await Press("rate:1001:got");

        Assert.Equal("There is no question 1001 to rate any more.", reply.Text);
        Assert.Equal(ActionDispatcher.Inactive(), await Press("keypoints:1001"));
        Assert.Empty(await host.Ratings.GetAsync(CoreHost.ServerId, "7", default));
    }

    [Fact]
    public async Task Progress_CountsOwnQuestionsUnderTheirCategory()
    {
        var guideSystemDesign = TestGuide.Content.Questions.Count(q => q.Category == QuestionCategory.SystemDesign);
        var guideAlgorithms = TestGuide.Content.Questions.Count(q => q.Category == QuestionCategory.Algorithms);
        var retiredDraft = WithKeyPoints with { Text = "How would you backfill a feature for a new model?" };
        var unratedDraft = WithoutKeyPoints with { Text = "When is a linear model the right first choice?" };
        var own = await AddAsync(WithKeyPoints, WithoutKeyPoints, retiredDraft, unratedDraft);
        await Press("rate:1001:got");      // own, system design
        await Press("rate:1002:missed");   // own, algorithms
        await Press("rate:1003:missed");   // own, system design, retired below: still counted, as rated
        await Press("rate:70:got");        // guide, algorithms
        await host.Questions.UpdateAsync(own[2] with { Retired = true }, default);
        await host.Questions.UpdateAsync(own[3] with { Retired = true }, default); // retired and never rated: not counted
        host.Time.Advance(TimeSpan.FromDays(1));

        var reply = await host.RunAsync("progress");

        Assert.Equal($"Answered 2/{guideSystemDesign + 2} · Got it 1 · Due 2", Field(reply, "System design for ML"));
        Assert.Equal($"Answered 2/{guideAlgorithms + 1} · Got it 1 · Due 2", Field(reply, "ML algorithms"));
        Assert.Equal("Answered 0/20 · Got it 0 · Due 0", Field(reply, "Software engineering for ML"));
    }

    private async Task<Reply> Press(string actionId)
    {
        var outcome = await host.Actions.PressAsync(CoreHost.Member(), actionId, default);
        return Assert.IsType<Reply>(outcome.Reply);
    }

    private static string Field(Reply reply, string name) => reply.Fields.Single(f => f.Name == name).Value;
}
