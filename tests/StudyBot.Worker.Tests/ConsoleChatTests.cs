using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Commands;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

public sealed class ConsoleChatTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    // 16:00 UTC: the console server's 09:00 (UTC) has passed, and by more than the catch-up window.
    private static readonly DateTimeOffset Afternoon = new(2026, 11, 24, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Script_CommandsAndAnswers_PrintsRepliesAndCountsTheStreak()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(
            "/roadmap phase:2",
            "/schedule post-now",
            "/answer text:\"A feature store serves the same features to training and serving.\"",
            "/answer text:\"Trying again the same day, which is practice only\"",
            "/streak");

        Assert.StartsWith("StudyBot is running locally", output, StringComparison.Ordinal);
        Assert.Contains("Phase 2: ML Systems & DevOps", output, StringComparison.Ordinal);
        Assert.Contains("Daily question · Tue 2026-11-24", output, StringComparison.Ordinal);
        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", output, StringComparison.Ordinal);
        Assert.Contains("Already counted today: Tue 2026-11-24 (UTC)", output, StringComparison.Ordinal);
        Assert.Contains("Current:\n  1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_Milestones_AnswersThatTheyAreADiscordFeature()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync("/milestones action:set days:7 role:study", "/milestones action:list");

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(output, "Milestone roles are a Discord feature\\."));
    }

    [Fact]
    public async Task Script_PressingTheDailyPostsAnswerButton_AsksForTheTextThenCountsIt()
    {
        using var host = new TestHost(Morning);
        var posted = await host.RunScriptAsync("/schedule post-now");
        var questionId = System.Text.RegularExpressions.Regex.Match(posted, @"Question:\n  Q#(\d+)").Groups[1].Value;
        Assert.Contains($"[Answer] answer here with /answer", posted, StringComparison.Ordinal);

        var output = await host.RunScriptAsync(
            "/press",
            "/press nothing:1",
            $"/press answer:{questionId}",
            $"/press answer:{questionId} text:\"Too short\"",
            $"/press answer:{questionId} text:\"Point-in-time joins keep training features free of leakage.\"");

        Assert.Contains("Type /press and the action shown beside a button", output, StringComparison.Ordinal);
        Assert.Contains("That button is no longer active.", output, StringComparison.Ordinal);
        Assert.Contains($"This button opens a form. Type your answer on one line: /press answer:{questionId} text:", output, StringComparison.Ordinal);
        Assert.Contains("at least", output, StringComparison.Ordinal);
        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_ImportPastedUpToEnd_ThenOwnQuestionsWorkEverywhere()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(
            "/import-questions",
            "text,category,points",
            "How would you roll back a bad model in production?,best-practices,Keep the previous model warm | Feature flags per model version | Alert on business metrics",
            "Tiny,algorithms,",
            "\"How do you pick a vector index, for 100M items?\",system-design,",
            "END",
            "/questions action:add text:\"How would you detect training-serving skew?\" category:system-design points:\"Compare feature distributions | Log serving features | Share one feature definition\"",
            "/questions action:list",
            "/suggest text:How do you choose between batch and online inference?",
            "/questions action:suggestions",
            "/questions action:approve id:1 category:system-design",
            "/question 1003",
            "/questions action:source source:own",
            "/schedule show");

        Assert.Contains("Paste the file now, then a line with only END.", output, StringComparison.Ordinal);
        Assert.Contains("Added 2 questions: Q#1001–Q#1002.", output, StringComparison.Ordinal);
        Assert.Contains("• line 3: The question text needs at least 15 characters (it has 4).", output, StringComparison.Ordinal);
        Assert.Contains("Q#1003 · system-design: How would you detect training-serving skew?", output, StringComparison.Ordinal);
        Assert.Contains("Q#1002 · system-design: How do you pick a vector index, for 100M items?", output, StringComparison.Ordinal);
        Assert.Contains("S1 · ", output, StringComparison.Ordinal);
        Assert.Contains("It is Q#1004 now.", output, StringComparison.Ordinal);
        Assert.Contains("was approved: it is Q#1004 now", output, StringComparison.Ordinal);
        Assert.Contains("Q#1003 · System design for ML · this server's", output, StringComparison.Ordinal);
        Assert.Contains("the server's own questions only", output, StringComparison.Ordinal);
        Assert.DoesNotContain("There is no /", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Commands start with /", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_ImportWithoutEnd_IsNotRun()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync("/import-questions", "text,category", "How would you detect training-serving skew?,algorithms");

        Assert.Contains("The input ended before a line END: /import-questions was not run.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Added", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_BadInput_GetsShortAnswersAndKeepsGoing()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(
            "/roadmap phase:7",
            "/timezone zone:Mars/Base",
            "/setup channel:#daily time:25:99 timezone:UTC",
            "/frobnicate",
            "hello there",
            "/cloud platform:google");

        Assert.Contains("'7' is not a valid phase. Use a whole number from 1 to 4.", output, StringComparison.Ordinal);
        Assert.Contains("'Mars/Base' is not an IANA time zone", output, StringComparison.Ordinal);
        Assert.Contains("'25:99' is not a time", output, StringComparison.Ordinal);
        Assert.Contains("There is no /frobnicate command. Commands: /answer", output, StringComparison.Ordinal);
        Assert.Contains("Commands start with /", output, StringComparison.Ordinal);
        Assert.Contains("Google Cloud", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameDay_DoesNotPostTwiceAndKeepsTheStreak()
    {
        using var host = new TestHost(Morning);
        await host.RunScriptAsync("/schedule post-now", "/answer text:\"Gradient descent follows the negative gradient.\"");

        host.Clock.Advance(TimeSpan.FromHours(2));
        var output = await host.RunScriptAsync("/schedule post-now", "/streak");

        Assert.Contains("is already posted: one question a day", output, StringComparison.Ordinal);
        Assert.DoesNotContain("=== #daily", output, StringComparison.Ordinal);
        Assert.Contains("Current:\n  1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/timezone America/Argentina", "'America/Argentina' is a group of ", "America/Argentina/Buenos_Aires")]
    [InlineData("/timezone zone:America/Indiana", "'America/Indiana' is a group of ", "America/Indiana/Indianapolis")]
    [InlineData("/setup #daily 09:00 America/Kentucky", "'America/Kentucky' is a group of ", "America/Kentucky/Louisville")]
    [InlineData("/setup channel:#daily time:09:00 timezone:America/North_Dakota", "'America/North_Dakota' is a group of ", "America/North_Dakota/Center")]
    [InlineData("/timezone zone:\"America/\"", "'America/' is a group of ", "America/Adak")]
    public async Task Script_TimeZoneFolder_ListsItsZonesAndTheChatGoesOn(string line, string problem, string listed)
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(line, "/roadmap phase:2");

        Assert.Contains(problem, output, StringComparison.Ordinal);
        Assert.Contains(listed, output, StringComparison.Ordinal);
        Assert.Contains("Phase 2: ML Systems & DevOps", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_CommandOrRendererFails_ShortLineAndTheNextLineIsAnswered()
    {
        using var host = new TestHost(Morning);
        using var console = new ScriptedChatConsole("/explode", "/garble", "/roadmap phase:2");
        console.EndInput();
        using var app = host.Build(console, services =>
        {
            services.AddSingleton<ICommandHandler>(new FailingCommand("explode", _ => throw new InvalidOperationException("disk on fire")));
            // A reply the renderer cannot render: the failure is outside the dispatcher, in the chat loop itself.
            services.AddSingleton<ICommandHandler>(new FailingCommand("garble", _ => Task.FromResult(Reply.Info(null!, "text"))));
        });

        await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var output = console.Output;
        Assert.Equal(2, ScriptedChatConsole.Count(output, "Something went wrong on our side; it was logged. Please try again in a moment."));
        Assert.Contains("Phase 2: ML Systems & DevOps", output, StringComparison.Ordinal);
        Assert.DoesNotContain("disk on fire", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_StreakOfAMemberNamedAsTheLeaderboardShowsThem_ShowsTheirs()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(
            "/schedule post-now",
            "/answer text:\"Shadow traffic first, then a small canary.\"",
            "/leaderboard",
            "/streak member:you",
            "/streak @You",
            "/streak member:bob",
            "/streak member:");

        Assert.Contains("1. you: 1 day", output, StringComparison.Ordinal);
        Assert.Equal(2, ScriptedChatConsole.Count(output, "Your streak\n"));
        Assert.Equal(2, ScriptedChatConsole.Count(output, "Current:\n  1\n"));
        Assert.Contains("There is no member 'bob' here. In the console chat you are 'you', as /leaderboard shows you: /streak member:you", output, StringComparison.Ordinal);
        Assert.Contains("member is empty. In the console chat you are 'you', as /leaderboard shows you: /streak member:you", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a member", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_MistypedCommandsAndRepeatedOptions_ClearAnswers()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(
            "/roadmaps 2",
            "/frobnicate now",
            "/roadmap phase:1 phase:2",
            "roadmap phase:2",
            "/question 42",
            "/help");

        Assert.Contains("There is no /roadmaps command. Did you mean /roadmap? Commands: /answer,", output, StringComparison.Ordinal);
        Assert.Contains("There is no /frobnicate command. Commands: /answer,", output, StringComparison.Ordinal);
        Assert.Contains("phase is given twice ('1', then '2'). Give each option once.", output, StringComparison.Ordinal);
        Assert.Contains("Commands start with /: try /roadmap phase:2", output, StringComparison.Ordinal);
        Assert.Contains("Q#42 · ML engineering best practices", output, StringComparison.Ordinal);
        Assert.Contains("/schedule action:show|pause|resume|post-now|skip [freezes]: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("I did not understand", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage: \n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_FirstDayStartedAfterThePostTime_PostNowThenAnswerCounts()
    {
        using var host = new TestHost(Afternoon);

        var output = await host.RunScriptAsync(
            "/daily",
            "/answer text:\"A feature store serves the same features to training and serving.\"",
            "/schedule post-now",
            "/answer text:\"A feature store serves the same features to training and serving.\"");

        Assert.Equal(2, ScriptedChatConsole.Count(output, "First question: Wed 2026-11-25 at 09:00 (UTC). Today's 09:00 has passed; /schedule post-now posts today's question now."));
        Assert.Contains("Daily question · Tue 2026-11-24", output, StringComparison.Ordinal);
        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_TheLearningLoop_AnswerKeyPointsRateThenReviewTheNextDay()
    {
        using var host = new TestHost(Morning);
        var posted = await host.RunScriptAsync("/schedule post-now");
        var questionId = System.Text.RegularExpressions.Regex.Match(posted, @"Question:\n  Q#(\d+)").Groups[1].Value;

        var answered = await host.RunScriptAsync(
            "/answer text:\"Two stages: retrieval over an ANN index, then a ranker on rich features.\"",
            $"/press rate:{questionId}:missed",
            "/review",
            "/progress");

        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", answered, StringComparison.Ordinal);
        Assert.Contains("Key points:\n  • ", answered, StringComparison.Ordinal);
        Assert.Contains("Pitfalls:\n  • ", answered, StringComparison.Ordinal);
        Assert.Contains($"[Missed it] /press rate:{questionId}:missed", answered, StringComparison.Ordinal);
        Assert.Contains($"[Got it] /press rate:{questionId}:got", answered, StringComparison.Ordinal);
        Assert.Contains($"Q#{questionId} comes back for /review on Wed 2026-11-25 (tomorrow).", answered, StringComparison.Ordinal);
        Assert.Contains($"Nothing is due today. Next: Q#{questionId} on Wed 2026-11-25 (tomorrow).", answered, StringComparison.Ordinal);
        Assert.Contains("Answered 1/", answered, StringComparison.Ordinal);

        host.Clock.Advance(TimeSpan.FromDays(1));
        var review = await host.RunScriptAsync(
            "/review",
            $"/press review:{questionId} text:\"Candidate generation with two towers, then ranking; evaluate with recall at K.\"",
            $"/press rate:{questionId}:got",
            "/streak");

        Assert.Contains($"Review · Q#{questionId}", review, StringComparison.Ordinal);
        Assert.Contains("1 question is due (UTC today, Wed 2026-11-25).", review, StringComparison.Ordinal);
        Assert.Contains($"[Answer] /press review:{questionId}", review, StringComparison.Ordinal);
        Assert.Contains("Reviews are for you: they never count for your streak", review, StringComparison.Ordinal);
        Assert.Contains($"Q#{questionId} comes back for /review on Thu 2026-11-26 (tomorrow).", review, StringComparison.Ordinal);
        Assert.Contains("Current:\n  1", review, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answered + review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_OwnQuestionThroughTheLearningLoop_ItsKeyPointsThenReviewTheNextDay()
    {
        using var host = new TestHost(Morning);

        var answered = await host.RunScriptAsync(
            "/questions action:add text:\"How would you detect training-serving skew?\" category:system-design points:\"Log the features as served | Compare distributions with training's (PSI) | Share one feature definition\" pitfalls:\"Checking only offline inputs\"",
            "/questions action:source source:own",
            "/schedule post-now",
            "/answer text:\"Log served features and compare their distributions with training data.\"",
            "/press rate:1001:missed",
            "/progress");

        Assert.Contains("Daily question · Tue 2026-11-24", answered, StringComparison.Ordinal);
        Assert.Contains("Question:\n  Q#1001", answered, StringComparison.Ordinal);
        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", answered, StringComparison.Ordinal);
        Assert.Contains("Key points:\n  • Log the features as served\n  • Compare distributions with training's (PSI)\n  • Share one feature definition", answered, StringComparison.Ordinal);
        Assert.Contains("Pitfalls:\n  • Checking only offline inputs", answered, StringComparison.Ordinal);
        Assert.Contains("[Missed it] /press rate:1001:missed", answered, StringComparison.Ordinal);
        Assert.Contains("Q#1001 comes back for /review on Wed 2026-11-25 (tomorrow).", answered, StringComparison.Ordinal);
        Assert.Contains("Answered 1/26 · Got it 0 · Due 0", answered, StringComparison.Ordinal);

        host.Clock.Advance(TimeSpan.FromDays(1));
        var review = await host.RunScriptAsync(
            "/review",
            "/press review:1001 text:\"Log what is served, compare it with training by PSI, share one definition.\"",
            "/press rate:1001:got");

        Assert.Contains("Review · Q#1001 · System design for ML · this server's", review, StringComparison.Ordinal);
        Assert.Contains("How would you detect training-serving skew?", review, StringComparison.Ordinal);
        Assert.Contains("1 question is due (UTC today, Wed 2026-11-25).", review, StringComparison.Ordinal);
        Assert.Contains("Key points:\n  • Log the features as served", review, StringComparison.Ordinal);
        Assert.Contains("Q#1001 comes back for /review on Thu 2026-11-26 (tomorrow).", review, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answered + review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_MyDataThenForgetMe_FileUnderTheDataFolder_ThenNothingOfTheMemberLeftInTheFile()
    {
        using var host = new TestHost(Morning);

        var output = await host.RunScriptAsync(
            "/schedule post-now",
            "/answer text:\"A feature store serves the same features to training and serving.\"",
            "/privacy leaderboard:hide",
            "/my-data",
            "/forget-me",
            "/press forget:local",
            "/streak view:history days:3");

        var exported = Path.Combine(host.Directory.FullName, "exports", "studybot-my-data-local.json");
        Assert.Contains($"File:\n  {exported}", output, StringComparison.Ordinal);
        var json = await File.ReadAllTextAsync(exported);
        Assert.Contains("\"hiddenFromBoards\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"2026-11-24\"", json, StringComparison.Ordinal);
        Assert.Contains("[Delete everything] /press forget:local", output, StringComparison.Ordinal);
        Assert.Contains("Deleted everything about you in this server", output, StringComparison.Ordinal);
        Assert.Contains("Streak 0 · best 0", output, StringComparison.Ordinal);

        // The member's documents are gone from the file; the server's own (its setup, the daily slot) stay.
        using var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = host.DataPath, Connection = LiteDB.ConnectionType.Direct, ReadOnly = true });
        var documents = db.GetCollectionNames().SelectMany(name => db.GetCollection(name).FindAll().Select(d => LiteDB.JsonSerializer.Serialize(d))).ToList();
        Assert.DoesNotContain(documents, d => d.Contains("console:local:local", StringComparison.Ordinal) || d.Contains("\"local\"", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains("console:local:2026-11-24", StringComparison.Ordinal));
    }

    /// <summary>A command added by a test whose handler fails in a chosen way.</summary>
    private sealed class FailingCommand(string name, Func<CommandRequest, Task<Reply>> handle) : ICommandHandler
    {
        public CommandDefinition Definition { get; } = new(name, "Fails on purpose", []);

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => handle(request);
    }
}
