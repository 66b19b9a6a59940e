using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Notices;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Questions;

public sealed class QuestionsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private readonly CoreHost host = new(Now);

    public void Dispose() => host.Dispose();

    private static string AllText(Reply reply) =>
        reply.Title + "\n" + reply.Text + "\n" + string.Join('\n', reply.Fields.Select(f => f.Name + ": " + f.Value));

    private Task<Reply> Admin(string command, params (string, string)[] options) => host.RunAsync(command, CoreHost.Admin, options);

    private Task<Reply> Add(string text, string category = "system-design", params (string, string)[] more) =>
        Admin("questions", [("action", "add"), ("text", text), ("category", category), .. more]);

    [Fact]
    public async Task Add_FirstQuestions_GetIds1001Up_WithEveryField()
    {
        var first = await Add(
            "How would you design a feature store for online and offline use?",
            "system-design",
            ("points", "Offline store for training | Online store for low-latency reads | One definition for both, to avoid skew"),
            ("pitfalls", "Computing features differently at serving time"));
        var second = await Add("Explain the bias-variance trade-off with an example.", "algorithms");

        Assert.Equal(ReplyTone.Success, first.Tone);
        Assert.StartsWith("Q#1001 · system-design:", first.Text, StringComparison.Ordinal);
        Assert.StartsWith("Q#1002 · algorithms:", second.Text, StringComparison.Ordinal);
        var stored = (await host.Questions.GetAsync(CoreHost.ServerId, 1001, default))!;
        Assert.Equal(3, stored.KeyPoints.Count);
        Assert.Equal(["Computing features differently at serving time"], stored.Pitfalls);
        Assert.Equal(CoreHost.Admin.MemberId, stored.AddedBy);
        Assert.Equal(Now, stored.AddedAt);
        Assert.True(QuestionCatalog.IsOwnId(1001));
        Assert.All(TestGuide.Content.Questions, q => Assert.False(QuestionCatalog.IsOwnId(q.Id)));
    }

    [Theory]
    [InlineData("Short one", "system-design", "", "The question text needs at least 15 characters (it has 9).")]
    [InlineData("A question long enough to count here?", "statistics", "", "'statistics' is not a valid category.")]
    [InlineData("A question long enough to count here?", "algorithms", "a | b", "Give 3–6 key points separated by '|', or none (there are 2).")]
    [InlineData("A question long enough to count here?", "algorithms", "a | b | a", "The key points name 'a' twice.")]
    [InlineData("How do you implement A/B tests properly?", "best-practices", "", "The guide already asks this (Q#")]
    public async Task Add_BadInput_OneClearLineAndNothingStored(string text, string category, string points, string expected)
    {
        var reply = points.Length == 0 ? await Add(text, category) : await Add(text, category, ("points", points));

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reply.Text);
        Assert.Empty(await host.Questions.ListAsync(CoreHost.ServerId, default));
    }

    [Fact]
    public async Task Add_PointTooLong_IsRefused()
    {
        var reply = await Add("A question long enough to count here?", "algorithms", ("points", $"a | b | {new string('c', 201)}"));

        Assert.StartsWith("Each of the key points can be at most 200 characters", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_SameTextTwice_SecondIsRefusedWithTheFirstsId()
    {
        await Add("How would you detect training-serving skew?");

        var again = await Add("how would you  detect training-serving skew?");

        Assert.Equal("This server already has it (Q#1001).", again.Text);
    }

    [Theory]
    [InlineData("add", new[] { "text:How would you detect training-serving skew?" }, "/questions action:add needs category.")]
    [InlineData("retire", new string[0], "/questions action:retire needs id.")]
    [InlineData("list", new[] { "id:1001" }, "/questions action:list takes no id.")]
    [InlineData("retire", new[] { "id:42" }, "Q#42 is the guide's; only the server's own questions (from 1001) can be changed.")]
    [InlineData("edit", new[] { "id:1009" }, "This server has no question 1009.")]
    [InlineData("reject", new[] { "id:3" }, "/questions action:reject needs reason.")]
    public async Task Questions_MissingOrWrongOptions_OneClearLine(string action, string[] options, string expected)
    {
        var reply = await Admin("questions", [("action", action), .. options.Select(o => (o.Split(':', 2)[0], o.Split(':', 2)[1]))]);

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.StartsWith(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Questions_ForAMember_IsRefused()
    {
        var reply = await host.RunAsync("questions", CoreHost.Member(), ("action", "list"));

        Assert.Equal("/questions is for the server's admins.", reply.Text);
    }

    [Fact]
    public async Task EditRetireRestore_ChangeTheQuestion_IdStaysTheSame()
    {
        await Add("How would you detect training-serving skew?");

        var edited = await Admin("questions", ("action", "edit"), ("id", "1001"), ("text", "How would you detect and fix training-serving skew?"), ("category", "best-practices"));
        var retired = await Admin("questions", ("action", "retire"), ("id", "1001"));
        var twice = await Admin("questions", ("action", "retire"), ("id", "1001"));
        var listed = await Admin("questions", ("action", "list"));

        Assert.Equal(ReplyTone.Success, edited.Tone);
        Assert.Equal(ReplyTone.Success, retired.Tone);
        Assert.Equal("Q#1001 is already retired.", twice.Text);
        Assert.Contains("Q#1001 · best-practices · retired: How would you detect and fix", listed.Text, StringComparison.Ordinal);
        var restored = await Admin("questions", ("action", "restore"), ("id", "1001"));
        Assert.Equal(ReplyTone.Success, restored.Tone);
        Assert.False((await host.Questions.GetAsync(CoreHost.ServerId, 1001, default))!.Retired);
    }

    [Fact]
    public async Task Edit_PointsNone_ClearsThem()
    {
        await Add("How would you detect training-serving skew?", "system-design", ("points", "a1 | b2 | c3"));

        await Admin("questions", ("action", "edit"), ("id", "1001"), ("points", "none"));

        Assert.Empty((await host.Questions.GetAsync(CoreHost.ServerId, 1001, default))!.KeyPoints);
    }

    [Fact]
    public async Task Suggest_FourthOpenSuggestion_IsRefused_UntilOneIsSettled()
    {
        var ada = CoreHost.Member("7", "Ada");
        for (var i = 1; i <= OwnQuestionService.MaxOpenSuggestions; i++)
        {
            var ok = await host.RunAsync("suggest", ada, ("text", $"Suggested interview question number {i}?"));
            Assert.Equal(ReplyTone.Success, ok.Tone);
        }

        var fourth = await host.RunAsync("suggest", ada, ("text", "Suggested interview question number 4?"));
        var someoneElse = await host.RunAsync("suggest", CoreHost.Member("8", "Bo"), ("text", "Another member's question suggestion?"));
        await Admin("questions", ("action", "reject"), ("id", "1"), ("reason", "Too close to Q#12."));
        var afterReject = await host.RunAsync("suggest", ada, ("text", "Suggested interview question number 4?"));

        Assert.Equal(ReplyTone.Problem, fourth.Tone);
        Assert.StartsWith("You already have 3 suggestions waiting", fourth.Text, StringComparison.Ordinal);
        Assert.Equal(ReplyTone.Success, someoneElse.Tone);
        Assert.Equal(ReplyTone.Success, afterReject.Tone);
    }

    [Fact]
    public async Task Approve_MakesAQuestion_AndTheMemberIsToldWithTheirNextPrivateReply()
    {
        var ada = CoreHost.Member("7", "Ada");
        await host.RunAsync("suggest", ada, ("text", "How do you choose between batch and online inference?"));
        var queue = await Admin("questions", ("action", "suggestions"));

        var approved = await Admin("questions", ("action", "approve"), ("id", "1"), ("category", "system-design"));
        var again = await Admin("questions", ("action", "approve"), ("id", "1"), ("category", "system-design"));
        var next = await host.RunAsync("daily", ada);

        Assert.Contains("S1 · Ada: How do you choose between batch and online inference?", queue.Text, StringComparison.Ordinal);
        Assert.Equal("It is Q#1001 now. Its author is told the next time they use the bot.", approved.Text);
        Assert.Equal("Suggestion S1 was already approved (Q#1001).", again.Text);
        var question = (await host.Questions.GetAsync(CoreHost.ServerId, 1001, default))!;
        Assert.Equal("How do you choose between batch and online inference?", question.Text);
        Assert.Equal(QuestionCategory.SystemDesign, question.Category);
        var notice = Assert.Single(next.Fields, f => f.Name == MemberNotices.FieldName);
        Assert.Contains("was approved: it is Q#1001 now", notice.Value, StringComparison.Ordinal);
        Assert.Equal(SuggestionStatus.Approved, (await host.Questions.GetSuggestionAsync(CoreHost.ServerId, 1, default))!.Status);
    }

    [Fact]
    public async Task Reject_TellsTheMemberTheReason()
    {
        var ada = CoreHost.Member("7", "Ada");
        await host.RunAsync("suggest", ada, ("text", "What is the best programming language ever?"));

        var rejected = await Admin("questions", ("action", "reject"), ("id", "1"), ("reason", "Not an ML interview question."));
        var next = await host.RunAsync("streak", ada);

        Assert.Equal(ReplyTone.Success, rejected.Tone);
        Assert.Contains("was not added: Not an ML interview question.", AllText(next), StringComparison.Ordinal);
        Assert.Empty(await host.Questions.ListAsync(CoreHost.ServerId, default));
    }

    [Fact]
    public async Task Import_GoodAndBadRows_ReportsAddedAndEachRefusedLine()
    {
        await Add("How would you detect training-serving skew?");
        const string csv = """
            text,category,points
            How would you roll back a bad model in production?,best-practices,Keep the previous model warm | Feature flags per model version | Alert on business metrics
            How would you detect training-serving skew?,system-design,
            Tiny,algorithms,
            How would you roll back a bad model in production?,best-practices,
            Explain how LightGBM grows its trees.,algorithms,
            """;

        var reply = await Admin("import-questions", ("file", csv));

        Assert.Equal(
            "Added 2 questions: Q#1002–Q#1003.\nRefused 3 rows:\n"
            + "• line 3: This server already has it (Q#1001).\n"
            + "• line 4: The question text needs at least 15 characters (it has 4).\n"
            + "• line 5: The same text as line 2.",
            reply.Text);
        Assert.Equal(3, (await host.Questions.ListAsync(CoreHost.ServerId, default)).Count);
    }

    [Fact]
    public async Task Import_Json_AddsAll()
    {
        const string json = """[{"text": "How do you pick a vector index for 100M items?", "category": "system-design", "points": ["HNSW for recall and speed", "IVF-PQ when memory is tight", "Measure recall@k against exact search"]}]""";

        var reply = await Admin("import-questions", ("file", json));

        Assert.Equal("Questions imported", reply.Title);
        Assert.Equal("Added 1 question: Q#1001.", reply.Text);
    }

    [Fact]
    public async Task Import_Malformed_NothingImportedOneLine()
    {
        var reply = await Admin("import-questions", ("file", "[{\"text\": "));

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Equal("Nothing was imported. The JSON is malformed near line 1. Give an array of objects with text, category, points and pitfalls.", reply.Text);
    }

    [Fact]
    public async Task Source_IsStoredAndShownInScheduleShow()
    {
        await host.Servers.SaveAsync(new ServerSettings(CoreHost.ServerId, "daily", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, Now), default);

        var set = await Admin("questions", ("action", "source"), ("source", "own"));
        var show = await Admin("schedule", ("action", "show"));

        Assert.Contains("no active questions yet, so the guide's are used", set.Text, StringComparison.Ordinal);
        Assert.Equal(QuestionSource.Own, (await host.Servers.GetAsync(CoreHost.ServerId, default))!.QuestionSource);
        Assert.Contains("Questions from: the server's own questions only", AllText(show), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_Again_KeepsTheChosenSource()
    {
        await host.Servers.SaveAsync(new ServerSettings(CoreHost.ServerId, "daily", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, Now, QuestionSource.Guide), default);

        await Admin("setup", ("channel", "daily"), ("time", "10:00"), ("timezone", "Europe/Berlin"));

        Assert.Equal(QuestionSource.Guide, (await host.Servers.GetAsync(CoreHost.ServerId, default))!.QuestionSource);
    }

    [Fact]
    public async Task Question_ById_FindsOwnQuestions_RetiredToo()
    {
        await Add("How would you detect training-serving skew?");
        await Admin("questions", ("action", "retire"), ("id", "1001"));

        var reply = await host.RunAsync("question", CoreHost.Member(), ("id", "1001"));
        var missing = await host.RunAsync("question", CoreHost.Member(), ("id", "1002"));

        Assert.Equal("Q#1001 · System design for ML · this server's", reply.Title);
        Assert.Equal("How would you detect training-serving skew?", reply.Text);
        Assert.Equal("This server has no question 1002. Admins list theirs with /questions action:list.", missing.Text);
    }
}
