using StudyBot.Core.Content;
using StudyBot.Core.Questions;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IServerQuestionStore"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class ServerQuestionStoreContract
{
    private const string Server = "discord:1100000000000000017";
    private const string OtherServer = "slack:T0STUDY001";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 7, 0, 0, TimeSpan.FromHours(1));

    private IServerQuestionStore? store;

    protected IServerQuestionStore Store => store ??= CreateStore();

    protected abstract IServerQuestionStore CreateStore();

    private static OwnQuestionDraft Draft(string text, QuestionCategory category = QuestionCategory.SystemDesign) =>
        new(text, category, [], []);

    [Fact]
    public async Task AddAsync_FirstQuestions_GetIdsFrom1001PerServer()
    {
        var added = await Store.AddAsync(Server, [Draft("How would you shard a feature store?"), Draft("Explain the bias-variance trade-off.")], "admin1", At, CancellationToken.None);
        var other = await Store.AddAsync(OtherServer, [Draft("What is a data contract?")], "admin2", At, CancellationToken.None);

        Assert.Equal([1001, 1002], added.Select(q => q.Id));
        Assert.Equal(1001, Assert.Single(other).Id);
    }

    [Fact]
    public async Task AddAsync_EveryField_RoundTripsExactly()
    {
        var draft = new OwnQuestionDraft(
            "Design a fraud model's retraining loop.",
            QuestionCategory.BestPractices,
            ["Labels arrive late: chargebacks take weeks", "Backtest on time-based splits", "Shadow-deploy before switching"],
            ["Random splits leak the future"]);

        await Store.AddAsync(Server, [draft], "admin1", At, CancellationToken.None);
        var stored = await Store.GetAsync(Server, 1001, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(draft.Text, stored.Text);
        Assert.Equal(QuestionCategory.BestPractices, stored.Category);
        Assert.Equal(draft.KeyPoints, stored.KeyPoints);
        Assert.Equal(draft.Pitfalls, stored.Pitfalls);
        Assert.False(stored.Retired);
        Assert.Equal("admin1", stored.AddedBy);
        Assert.Equal(At, stored.AddedAt);
        Assert.Equal(At.Offset, stored.AddedAt.Offset);
    }

    [Fact]
    public async Task AddAsync_AfterRetiring_NeverReusesAnId()
    {
        var first = await Store.AddAsync(Server, [Draft("Question number one, long enough."), Draft("Question number two, long enough.")], "a", At, CancellationToken.None);
        Assert.True(await Store.UpdateAsync(first[1] with { Retired = true }, CancellationToken.None));

        var next = await Store.AddAsync(Server, [Draft("Question number three, long enough.")], "a", At, CancellationToken.None);

        Assert.Equal(1003, Assert.Single(next).Id);
        Assert.True((await Store.GetAsync(Server, 1002, CancellationToken.None))!.Retired);
        Assert.Equal([1001, 1002, 1003], (await Store.ListAsync(Server, CancellationToken.None)).Select(q => q.Id));
    }

    [Fact]
    public async Task UpdateAsync_Unknown_ReturnsFalseAndStoresNothing()
    {
        var ghost = new OwnQuestion(Server, 1005, "A question never added here.", QuestionCategory.Algorithms, [], [], false, "a", At);

        Assert.False(await Store.UpdateAsync(ghost, CancellationToken.None));
        Assert.Empty(await Store.ListAsync(Server, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_ChangesOnlyThatQuestion()
    {
        await Store.AddAsync(Server, [Draft("Question number one, long enough."), Draft("Question number two, long enough.")], "a", At, CancellationToken.None);
        var one = (await Store.GetAsync(Server, 1001, CancellationToken.None))!;

        await Store.UpdateAsync(one with { Text = "Edited question text here.", Category = QuestionCategory.Algorithms, KeyPoints = ["x1", "x2", "x3"] }, CancellationToken.None);

        var list = await Store.ListAsync(Server, CancellationToken.None);
        Assert.Equal("Edited question text here.", list[0].Text);
        Assert.Equal(QuestionCategory.Algorithms, list[0].Category);
        Assert.Equal(["x1", "x2", "x3"], list[0].KeyPoints);
        Assert.Equal("Question number two, long enough.", list[1].Text);
    }

    [Fact]
    public async Task SuggestAsync_CapsOpenSuggestionsPerMember()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await Store.SuggestAsync(Server, "m1", "Ada", $"Suggested question {i}", At, 3, CancellationToken.None));
        }

        Assert.Null(await Store.SuggestAsync(Server, "m1", "Ada", "One too many", At, 3, CancellationToken.None));
        Assert.NotNull(await Store.SuggestAsync(Server, "m2", "Bo", "Another member's", At, 3, CancellationToken.None));
        Assert.NotNull(await Store.SuggestAsync(OtherServer, "m1", "Ada", "Another server's", At, 3, CancellationToken.None));
        Assert.Equal(3, (await Store.SuggestionsAsync(Server, "m1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ResolveSuggestionAsync_FreesASlot_AndOnlyOnce()
    {
        var first = await Store.SuggestAsync(Server, "m1", "Ada", "First suggestion", At, 1, CancellationToken.None);
        Assert.Null(await Store.SuggestAsync(Server, "m1", "Ada", "Second suggestion", At, 1, CancellationToken.None));

        Assert.True(await Store.ResolveSuggestionAsync(Server, first!.Id, SuggestionStatus.Rejected, "Too vague", null, CancellationToken.None));
        Assert.False(await Store.ResolveSuggestionAsync(Server, first.Id, SuggestionStatus.Approved, null, 1001, CancellationToken.None));

        var stored = await Store.GetSuggestionAsync(Server, first.Id, CancellationToken.None);
        Assert.Equal(SuggestionStatus.Rejected, stored!.Status);
        Assert.Equal("Too vague", stored.Reason);
        Assert.Null(stored.QuestionId);
        var second = await Store.SuggestAsync(Server, "m1", "Ada", "Second suggestion", At, 1, CancellationToken.None);
        Assert.Equal(2, second!.Id);
    }

    [Fact]
    public async Task SuggestAsync_EveryField_RoundTrips()
    {
        var made = await Store.SuggestAsync(Server, "m1", "Ada Lovelace", "How do you monitor drift?", At, 3, CancellationToken.None);
        await Store.ResolveSuggestionAsync(Server, made!.Id, SuggestionStatus.Approved, null, 1004, CancellationToken.None);

        var stored = Assert.Single(await Store.SuggestionsAsync(Server, null, CancellationToken.None));
        Assert.Equal(new QuestionSuggestion(Server, 1, "m1", "Ada Lovelace", "How do you monitor drift?", SuggestionStatus.Approved, At, null, 1004), stored);
        Assert.Equal(At.Offset, stored.CreatedAt.Offset);
    }

    [Fact]
    public async Task ForgetMemberAsync_DeletesTheirSuggestions_AndTheirNameOnQuestions()
    {
        await Store.SuggestAsync(Server, "m1", "Ada", "Mine, to be forgotten", At, 3, CancellationToken.None);
        await Store.SuggestAsync(Server, "m2", "Bo", "Theirs, to be kept", At, 3, CancellationToken.None);
        await Store.SuggestAsync(OtherServer, "m1", "Ada", "Other server, kept", At, 3, CancellationToken.None);
        await Store.AddAsync(Server, [Draft("A question that m1 added.")], "m1", At, CancellationToken.None);

        Assert.Equal(2, await Store.ForgetMemberAsync(Server, "m1", CancellationToken.None));

        Assert.Equal(["m2"], (await Store.SuggestionsAsync(Server, null, CancellationToken.None)).Select(s => s.MemberId));
        Assert.Single(await Store.SuggestionsAsync(OtherServer, "m1", CancellationToken.None));
        var question = (await Store.GetAsync(Server, 1001, CancellationToken.None))!;
        Assert.Equal("", question.AddedBy);
        Assert.Equal("A question that m1 added.", question.Text);
    }

    [Fact]
    public async Task ListAsync_ReadBeforeEachWrite_AlwaysSeesTheWrite()
    {
        Assert.Empty(await Store.ListAsync(Server, CancellationToken.None));
        await Store.AddAsync(Server, [Draft("Question number one, long enough.")], "m1", At, CancellationToken.None);
        var afterAdd = await Store.ListAsync(Server, CancellationToken.None);
        Assert.Equal([1001], afterAdd.Select(q => q.Id));

        Assert.True(await Store.UpdateAsync(afterAdd[0] with { Retired = true, KeyPoints = ["k1", "k2", "k3"] }, CancellationToken.None));
        var afterUpdate = Assert.Single(await Store.ListAsync(Server, CancellationToken.None));
        Assert.True(afterUpdate.Retired);
        Assert.Equal(["k1", "k2", "k3"], afterUpdate.KeyPoints);

        await Store.AddAsync(Server, [Draft("Question number two, long enough.")], "m2", At, CancellationToken.None);
        Assert.Equal([1001, 1002], (await Store.ListAsync(Server, CancellationToken.None)).Select(q => q.Id));

        await Store.ForgetMemberAsync(Server, "m1", CancellationToken.None);
        Assert.Equal(["", "m2"], (await Store.ListAsync(Server, CancellationToken.None)).Select(q => q.AddedBy));
        Assert.Empty(await Store.ListAsync(OtherServer, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_ManyBatches_IdsRunOnWithoutGapsOrRepeats()
    {
        for (var batch = 0; batch < 4; batch++)
        {
            var drafts = Enumerable.Range(0, batch + 1).Select(i => Draft($"Batch {batch} question {i}, long enough.")).ToList();
            await Store.AddAsync(Server, drafts, "a", At, CancellationToken.None);
            await Store.AddAsync(OtherServer, [Draft($"Other server's question {batch}, long enough.")], "a", At, CancellationToken.None);
        }

        Assert.Equal(Enumerable.Range(1001, 10), (await Store.ListAsync(Server, CancellationToken.None)).Select(q => q.Id));
        Assert.Equal(Enumerable.Range(1001, 4), (await Store.ListAsync(OtherServer, CancellationToken.None)).Select(q => q.Id));
    }

    [Fact]
    public async Task AddAsync_CancelledToken_ThrowsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AddAsync(Server, [Draft("Never stored question.")], "a", At, cancelled.Token));

        Assert.Empty(await Store.ListAsync(Server, CancellationToken.None));
    }
}
