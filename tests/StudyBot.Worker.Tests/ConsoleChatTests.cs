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
