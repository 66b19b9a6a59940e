using StudyBot.Core.Actions;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Learning;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Learning;

/// <summary>Answer → key points → rating → /review and /progress, through Core as the host wires it.</summary>
public sealed class LearningLoopTests : IDisposable
{
    private const string GoodAnswer = "Two stages: candidate retrieval with two towers, then a ranker on rich features.";

    private CoreHost host = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => host.Dispose();

    /// <summary>Starts over on a clock at <paramref name="start"/> (a fake clock never goes back).</summary>
    private void StartAt(DateTimeOffset start)
    {
        host.Dispose();
        host = new CoreHost(start);
    }

    private AnswerService Answers => (AnswerService)host.Services.GetService(typeof(AnswerService))!;

    [Fact]
    public async Task Answer_Counted_ShowsKeyPointsPitfallsAndTheThreeRatings()
    {
        var reply = await Answers.SubmitAsync(CoreHost.Member(), 1, GoodAnswer, AnswerSource.AnswerCommand, default);

        Assert.Equal("Counted for Tue 2026-11-24 (UTC). Streak 1.", reply.Text);
        var keyPoints = TestGuide.Content.FindKeyPoints(1)!;
        Assert.Equal(string.Join('\n', keyPoints.Points.Select(p => "• " + p)), string.Concat(Field(reply, KeyPointsCard.KeyPointsField)));
        Assert.Contains(keyPoints.Pitfalls[0], Field(reply, KeyPointsCard.PitfallsField), StringComparison.Ordinal);
        Assert.Equal(
            [("Missed it", "rate:1:missed"), ("Partly", "rate:1:partly"), ("Got it", "rate:1:got")],
            reply.Buttons.Select(b => (b.Label, b.ActionId)));
    }

    [Fact]
    public async Task Answer_KeptAsPractice_ShowsTheKeyPointsToo()
    {
        await Answers.SubmitAsync(CoreHost.Member(), 1, GoodAnswer, AnswerSource.AnswerCommand, default);

        var reply = await Answers.SubmitAsync(CoreHost.Member(), 2, GoodAnswer + " Again.", AnswerSource.AnswerCommand, default);

        Assert.Equal("Already counted today", reply.Title);
        Assert.Contains(reply.Fields, f => f.Name == KeyPointsCard.KeyPointsField);
        Assert.Equal("rate:2:got", reply.Buttons[^1].ActionId);
    }

    [Fact]
    public async Task Answer_RepeatedInteraction_ShowsNoRatingAgain()
    {
        var member = CoreHost.Member(interactionId: "i-1");
        await Answers.SubmitAsync(member, 1, GoodAnswer, AnswerSource.AnswerButton, default);

        var reply = await Answers.SubmitAsync(member, 1, GoodAnswer, AnswerSource.AnswerButton, default);

        Assert.Equal("Already recorded", reply.Title);
        Assert.Empty(reply.Buttons);
    }

    [Fact]
    public void KeyPointsCard_QuestionWithoutKeyPoints_StillOffersTheRating()
    {
        var reply = KeyPointsCard.AddTo(Reply.Success("Answer counted", "Counted."), 81, keyPoints: null);

        Assert.DoesNotContain(reply.Fields, f => f.Name == KeyPointsCard.KeyPointsField);
        Assert.Equal(KeyPointsCard.RateField, Assert.Single(reply.Fields).Name);
        Assert.Equal(["rate:81:missed", "rate:81:partly", "rate:81:got"], reply.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public void KeyPointsCard_SixLongPoints_SplitsUnderDiscordsFieldLimit()
    {
        var points = new QuestionKeyPoints(3, [.. Enumerable.Range(1, 6).Select(i => $"{i}" + new string('x', 199))], ["p"]);

        var reply = KeyPointsCard.AddTo(Reply.Success("t", "x"), 3, points);

        var parts = reply.Fields.Where(f => f.Name.StartsWith(KeyPointsCard.KeyPointsField, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, parts.Count);
        Assert.All(parts, f => Assert.True(f.Value.Length <= 1024, $"{f.Value.Length}"));
        Assert.Equal(6, parts.Sum(f => f.Value.Split('\n').Length));
    }

    [Fact]
    public async Task Question_HidesTheKeyPointsBehindAButton_ThatShowsThemPrivately()
    {
        var question = await host.RunAsync("question", options: ("id", "12"));

        Assert.DoesNotContain(question.Fields, f => f.Name == KeyPointsCard.KeyPointsField);
        Assert.Equal(("Show key points", "keypoints:12"), (question.Buttons.Single().Label, question.Buttons.Single().ActionId));

        var shown = await Press("keypoints:12");

        Assert.Equal(ReplyVisibility.Private, shown.Visibility);
        Assert.Equal(TestGuide.Content.FindKeyPoints(12)!.Points.Count, Field(shown, KeyPointsCard.KeyPointsField).Split('\n').Length);
        Assert.Equal("rate:12:got", shown.Buttons[^1].ActionId);
    }

    [Fact]
    public async Task Rate_StoresTheRatingOnTheMembersDate_AndSaysWhenItReturns()
    {
        var reply = await Press("rate:12:partly");

        Assert.Equal(("Rated: Partly", "Q#12 comes back for /review on Wed 2026-11-25 (tomorrow)."), (reply.Title, reply.Text));
        var stored = Assert.Single(await host.Ratings.GetAsync(CoreHost.ServerId, "7", default));
        Assert.Equal((12, SelfRating.Partly, new DateOnly(2026, 11, 24), "UTC"), (stored.QuestionId, stored.Rating, stored.LocalDate, stored.TimeZoneId));
    }

    [Theory]
    [InlineData("rate:12:great")]
    [InlineData("rate:x:got")]
    [InlineData("rate:12")]
    [InlineData("rate:-1:got")]
    [InlineData("keypoints:999")]
    [InlineData("review:abc")]
    public async Task Press_MalformedAction_IsInactiveAndStoresNothing(string actionId)
    {
        var reply = await Press(actionId);

        Assert.Equal(ActionDispatcher.Inactive(), reply);
        Assert.Empty(await host.Ratings.GetAsync(CoreHost.ServerId, "7", default));
    }

    [Fact]
    public async Task Rate_UnknownQuestion_SaysSoAndStoresNothing()
    {
        var reply = await Press("rate:999:got");

        Assert.Equal("There is no question 999 to rate any more.", reply.Text);
        Assert.Empty(await host.Ratings.GetAsync(CoreHost.ServerId, "7", default));
    }

    [Fact]
    public async Task Review_NothingRated_ExplainsTheLoop()
    {
        var reply = await host.RunAsync("review");

        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.StartsWith("Nothing to review yet.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_NothingDue_SaysWhenTheNextIs()
    {
        await Press("rate:12:got");
        await Press("rate:30:got");
        host.Time.Advance(TimeSpan.FromDays(1));
        await Press("rate:12:got");

        var reply = await host.RunAsync("review");

        // Q30 got once on the 24th is due the 25th: today. Q12 got on the 24th and 25th is due Dec 1.
        Assert.Equal("Review · Q#30 · ML engineering best practices", reply.Title);
        host.Time.Advance(TimeSpan.FromHours(1));
        await Press("rate:30:partly");
        var none = await host.RunAsync("review");
        Assert.Equal("Nothing is due today. Next: Q#12 on Tue 2026-12-01 (in 6 days).", none.Text);
    }

    [Fact]
    public async Task Review_SeveralDue_ServesTheMostOverdueFirstAndCountsThem()
    {
        await Press("rate:40:missed");
        host.Time.Advance(TimeSpan.FromDays(1));
        await Press("rate:12:missed");
        await Press("rate:5:got");
        await Press("rate:5:got"); // a correction the same day: still due tomorrow
        host.Time.Advance(TimeSpan.FromDays(1));
        await Press("rate:70:got");
        await Press("rate:70:missed");

        var reply = await host.RunAsync("review");

        Assert.Equal("Review · Q#40 · ML engineering best practices", reply.Title);
        Assert.Equal(TestGuide.Content.FindQuestion(40)!.Text, reply.Text);
        Assert.Equal(
            "3 questions are due (UTC today, Thu 2026-11-26). After these, the next is due Fri 2026-11-27 (tomorrow).",
            Field(reply, "Due"));
        Assert.StartsWith("Missed it on Tue 2026-11-24.", Field(reply, "Last time"), StringComparison.Ordinal);
        Assert.Equal(["review:40", "keypoints:40"], reply.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task Review_AnswerForm_ShowsKeyPointsAndRatings_AndNeverCountsForTheStreak()
    {
        await Press("rate:33:missed");
        host.Time.Advance(TimeSpan.FromDays(1));

        var outcome = await host.Actions.PressAsync(CoreHost.Member(), "review:33", default);
        var form = Assert.IsType<StudyBot.Core.Answers.AnswerForm>(outcome.Form);
        Assert.Equal(("review-form:33", 33), (form.FormId, form.QuestionId));

        var tooShort = await host.Actions.SubmitFormAsync(CoreHost.Member(), form.FormId, "feature store", default);
        Assert.Equal(ReplyTone.Problem, tooShort.Tone);

        var reply = await host.Actions.SubmitFormAsync(CoreHost.Member(), form.FormId, GoodAnswer, default);

        Assert.Equal("Review · Q#33", reply.Title);
        Assert.Contains(reply.Fields, f => f.Name == KeyPointsCard.KeyPointsField);
        Assert.Equal("rate:33:got", reply.Buttons[^1].ActionId);
        Assert.Empty(host.Members.Answers);
        Assert.Equal(0, (await host.Streaks.GetReportAsync(CoreHost.ServerId, "7", "Ada", default)).TotalDays);
    }

    [Fact]
    public async Task Review_FormForAnUnknownQuestion_SaysItIsNoLongerActive()
    {
        var reply = await host.Actions.SubmitFormAsync(CoreHost.Member(), "review-form:999", GoodAnswer, default);

        Assert.Equal("That review is no longer active. Use /review for the next one.", reply.Text);
    }

    [Fact]
    public async Task Review_DueDatesFollowTheMembersZone_AcrossTheirMidnight()
    {
        // Auckland is UTC+13 in summer: 11:30 UTC on the 1st is already 00:30 on the 2nd there.
        var lin = CoreHost.Member("8", "Lin"); // in UTC, the server's zone
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, "7", "Ada", "Pacific/Auckland", default);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.Zero));
        var rated = await Press("rate:20:missed");
        Assert.Equal("Q#20 comes back for /review on Thu 2026-12-03 (tomorrow).", rated.Text);
        Assert.Equal("Q#20 comes back for /review on Wed 2026-12-02 (tomorrow).", (await Press("rate:20:missed", lin)).Text);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 59, 0, TimeSpan.Zero)); // 23:59 on the 2nd in Auckland
        Assert.Equal("Nothing is due today. Next: Q#20 on Thu 2026-12-03 (tomorrow).", (await host.RunAsync("review")).Text);
        Assert.Equal("Review · Q#20 · System design for ML", (await host.RunAsync("review", lin)).Title);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero)); // 00:00 on the 3rd in Auckland, still the 2nd in UTC
        Assert.Equal("Review · Q#20 · System design for ML", (await host.RunAsync("review")).Title);
    }

    [Fact]
    public async Task Review_SixDayIntervalAcrossTheEndOfSummerTime_FallsDueAtLocalMidnight()
    {
        // Berlin leaves summer time on Sun 2026-10-25 (UTC+2 → UTC+1); the interval runs over it.
        StartAt(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, "7", "Ada", "Europe/Berlin", default);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 10, 20, 21, 30, 0, TimeSpan.Zero)); // 23:30 on the 20th in Berlin
        await Press("rate:8:got");
        host.Time.SetUtcNow(new DateTimeOffset(2026, 10, 21, 22, 30, 0, TimeSpan.Zero)); // 00:30 on the 22nd in Berlin
        var rated = await Press("rate:8:got");
        Assert.Equal("Q#8 comes back for /review on Wed 2026-10-28 (in 6 days).", rated.Text);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 10, 27, 22, 59, 0, TimeSpan.Zero)); // 23:59 on the 27th (UTC+1 now)
        Assert.StartsWith("Nothing is due today.", (await host.RunAsync("review")).Text, StringComparison.Ordinal);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 10, 27, 23, 0, 0, TimeSpan.Zero)); // 00:00 on the 28th
        Assert.Equal("Review · Q#8 · System design for ML", (await host.RunAsync("review")).Title);
    }

    [Fact]
    public async Task Review_RatingOnTheDaySummerTimeStarts_CountsFromThatLocalDay()
    {
        // New York springs forward on Sun 2026-03-08 at 02:00 (UTC-5 → UTC-4).
        StartAt(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await host.Members.SetTimeZoneAsync(CoreHost.ServerId, "7", "Ada", "America/New_York", default);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.Zero)); // 22:30 on the 7th in New York
        await Press("rate:66:missed");
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 4, 59, 0, TimeSpan.Zero)); // 23:59 on the 7th
        Assert.StartsWith("Nothing is due today.", (await host.RunAsync("review")).Text, StringComparison.Ordinal);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero)); // 00:00 on the 8th, hours before the change
        Assert.Equal("Review · Q#66 · ML algorithms", (await host.RunAsync("review")).Title);
    }

    [Fact]
    public async Task Progress_CountsPerCategoryAndNamesTheWeakest()
    {
        await Press("rate:1:got");    // system design
        await Press("rate:2:missed"); // system design
        await Press("rate:30:got");   // best practices
        await Press("rate:70:partly"); // algorithms
        await Press("rate:71:missed"); // algorithms
        host.Time.Advance(TimeSpan.FromDays(1));

        var reply = await host.RunAsync("progress");

        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Equal("Answered 2/25 · Got it 1 · Due 2", Field(reply, "System design for ML"));
        Assert.Equal("Answered 1/20 · Got it 1 · Due 1", Field(reply, "ML engineering best practices"));
        Assert.Equal("Answered 0/20 · Got it 0 · Due 0", Field(reply, "Software engineering for ML"));
        Assert.Equal("Answered 2/15 · Got it 0 · Due 2", Field(reply, "ML algorithms"));
        Assert.Equal("ML algorithms (2 of 2 not yet got)\nSystem design for ML (1 of 2 not yet got)", Field(reply, "Weakest"));
        Assert.True(reply.Fields.Take(4).All(f => f.Inline));
    }

    [Fact]
    public async Task Progress_NothingRated_SaysHowToStart()
    {
        var reply = await host.RunAsync("progress");

        Assert.Equal("Nothing rated yet: answer a question and rate your answer against its key points.", Field(reply, "Weakest"));
    }

    [Fact]
    public async Task Progress_EverythingGot_NamesCategoriesNotStarted()
    {
        await Press("rate:1:got");
        await Press("rate:50:got");

        var reply = await host.RunAsync("progress");

        Assert.Equal("Everything you rated, you got. Not started yet: ML engineering best practices, ML algorithms.", Field(reply, "Weakest"));
    }

    private async Task<Reply> Press(string actionId, MemberContext? member = null)
    {
        var outcome = await host.Actions.PressAsync(member ?? CoreHost.Member(), actionId, default);
        return Assert.IsType<Reply>(outcome.Reply);
    }

    private static string Field(Reply reply, string name) => reply.Fields.Single(f => f.Name == name).Value;
}
