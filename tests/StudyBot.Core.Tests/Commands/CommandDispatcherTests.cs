using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Commands;

/// <summary>Every command through the dispatcher as the host wires it: real content, in-memory ports, a fake clock.</summary>
public sealed class CommandDispatcherTests : IDisposable
{
    // Tue 2026-11-24 09:30 in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 30, 0, TimeSpan.Zero);

    private static readonly string[] AllCommands =
    [
        "roadmap", "skills", "tools", "cloud", "role", "salary", "question", "daily",
        "answer", "streak", "leaderboard", "timezone", "remind", "start", "help", "setup", "schedule", "review",
        "progress", "questions", "import-questions", "suggest", "privacy", "my-data", "forget-me", "milestones",
    ];

    private readonly CoreHost host = new(Now);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task DispatchAsync_Help_ListsEveryCommand()
    {
        var reply = await host.RunAsync("help");

        // The count follows from the names: no number to keep in step when a command is added.
        Assert.Equal(AllCommands.Order(), host.Dispatcher.Definitions.Select(d => d.Name).Order());
        var text = AllText(reply);
        Assert.All(host.Dispatcher.Definitions, definition => Assert.Contains($"/{definition.Name}", text, StringComparison.Ordinal));
        Assert.Contains("/setup channel:<channel> time:<time> timezone:<timezone> [role]", AllText(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roadmap", "", "", "Roadmap to ML engineer (8–14 months)")]
    [InlineData("roadmap", "phase", "1", "Phase 1: Software Engineering Foundations")]
    [InlineData("roadmap", "phase", "2", "Phase 2: ML Systems & DevOps")]
    [InlineData("roadmap", "phase", "3", "Phase 3: Production ML Systems")]
    [InlineData("roadmap", "phase", "4", "Phase 4: Interview Prep & Projects")]
    [InlineData("skills", "", "", "Software Engineering Skills (70% of the role)")]
    [InlineData("skills", "area", "software", "Version control (Git)")]
    [InlineData("skills", "area", "ml", "ML-Specific Skills (30% of the role)")]
    [InlineData("skills", "area", "languages", "Java/Scala")]
    [InlineData("tools", "", "", "Tools & technologies stack")]
    [InlineData("tools", "category", "mlops", "Monitoring: Prometheus, Grafana, Datadog")]
    [InlineData("tools", "category", "monitoring", "Prometheus")]
    [InlineData("tools", "category", "essential", "Version Control: Git, GitHub")]
    [InlineData("tools", "category", "frameworks", "Feature Store: Feast, Tecton")]
    [InlineData("cloud", "", "", "Cloud platforms")]
    [InlineData("cloud", "platform", "aws", "SageMaker")]
    [InlineData("cloud", "platform", "gcp", "Vertex AI")]
    [InlineData("cloud", "platform", "google", "Vertex AI")]
    [InlineData("cloud", "platform", "azure", "Azure ML")]
    [InlineData("role", "", "", "What is an ML engineer?")]
    [InlineData("role", "view", "responsibilities", "Key responsibilities of an ML engineer")]
    [InlineData("role", "view", "comparison", "Data scientist:")]
    [InlineData("salary", "", "", "ML engineer salaries")]
    [InlineData("salary", "region", "europe", "€130K-220K")]
    [InlineData("salary", "level", "entry", "$110K-160K")]
    [InlineData("question", "id", "42", "How do you implement A/B tests properly?")]
    [InlineData("question", "category", "algorithms", "ML algorithms")]
    [InlineData("start", "", "", "Welcome to the ML engineer study group")]
    [InlineData("leaderboard", "", "", "No streaks yet")]
    [InlineData("daily", "", "", "No daily question yet")]
    [InlineData("streak", "", "", "Your streak")]
    public async Task DispatchAsync_LookUp_AnswersWithTheContent(string command, string option, string value, string expected)
    {
        var reply = option.Length == 0 ? await host.RunAsync(command) : await host.RunAsync(command, null, (option, value));

        Assert.NotEqual(ReplyTone.Problem, reply.Tone);
        Assert.Contains(expected, AllText(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_SalarySeniorUsa_ShowsTheRange()
    {
        var reply = await host.RunAsync("salary", null, ("level", "senior"), ("region", "usa"));

        Assert.Equal("Senior ML engineer in USA", reply.Title);
        Assert.StartsWith("$180K-300K a year (5-10 yrs).", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ToolsGroup_ShowsOnlyThatGroup()
    {
        var reply = await host.RunAsync("tools", null, ("category", "monitoring"));

        Assert.Equal("Monitoring", reply.Title);
        Assert.Equal("• Prometheus\n• Grafana\n• Datadog", reply.Text);
        Assert.Empty(reply.Fields);
    }

    [Fact]
    public async Task DispatchAsync_CloudGoogleAlias_SameAnswerAsGcp()
    {
        var google = await host.RunAsync("cloud", null, ("platform", "google"));
        var gcp = await host.RunAsync("cloud", null, ("platform", "gcp"));

        Assert.Equal("Google Cloud", google.Title);
        Assert.Equal(AllText(gcp), AllText(google));
    }

    [Fact]
    public async Task DispatchAsync_QuestionByCategory_PicksFromThatCategory()
    {
        for (var i = 0; i < 20; i++)
        {
            var reply = await host.RunAsync("question", null, ("category", "algorithms"));

            var id = int.Parse(reply.Title.Split(' ')[0].TrimStart('Q', '#'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(id, 66, 80);
        }
    }

    [Fact]
    public async Task DispatchAsync_SetupByAdmin_SavesSettingsAndTellsTheScheduler()
    {
        var registry = new Mock<IDailyScheduleRegistry>();
        using var withMock = new CoreHost(Now, s => s.AddSingleton(registry.Object));

        var reply = await withMock.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "18:30"), ("timezone", "europe/berlin"), ("role", "@777"));

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Equal(
            "Posting in channel 555 every day at 18:30 (Europe/Berlin). First question: Tue 2026-11-24 at 18:30 (Europe/Berlin). Pings role 777.",
            reply.Text);
        var saved = await withMock.Servers.GetAsync(CoreHost.ServerId, default);
        Assert.Equal(new ServerSettings(CoreHost.ServerId, "555", new TimeOnly(18, 30), "Europe/Berlin", "777", false, null, Now), saved);
        registry.Verify(r => r.ApplyAsync(saved!, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DispatchAsync_DailyLoop_PostAnswerStreakLeaderboard()
    {
        await SetUpAsync();
        var posted = await host.RunAsync("schedule", CoreHost.Admin, ("action", "post-now"));
        var daily = await host.RunAsync("daily");
        var answer = await host.RunAsync("answer", CoreHost.Member(interactionId: "i-1"), ("text", "Shadow traffic first, then a small canary."));
        var streak = await host.RunAsync("streak");
        var board = await host.RunAsync("leaderboard");

        var questionId = Assert.Single(host.Sender.Sent).Question.Id;
        Assert.Equal($"Q#{questionId} is posted for Tue 2026-11-24.", posted.Text);
        Assert.Contains($"Q#{questionId}", AllText(daily), StringComparison.Ordinal);
        Assert.Contains("Not answered yet today (Tue 2026-11-24, Europe/Berlin)", AllText(daily), StringComparison.Ordinal);
        Assert.Equal("Counted for Tue 2026-11-24 (Europe/Berlin). Streak 1.", answer.Text);
        Assert.Equal(questionId, Assert.Single(host.Members.Answers).QuestionId);
        Assert.Contains("Today: done ✓", AllText(streak), StringComparison.Ordinal);
        Assert.StartsWith("1. Ada: 1 day (best 1, 1 active day)", board.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_StreakNextMorning_ShowsYesterdaysStreakAsPending()
    {
        await SetUpAsync();
        await host.RunAsync("schedule", CoreHost.Admin, ("action", "post-now"));
        await host.RunAsync("answer", CoreHost.Member(interactionId: "i-1"), ("text", "Shadow traffic first, then a small canary."));
        host.Time.Advance(TimeSpan.FromHours(22)); // 07:30 on the 25th in Berlin

        var streak = await host.RunAsync("streak");

        var text = AllText(streak);
        Assert.Contains("Current: 1", text, StringComparison.Ordinal);
        Assert.Contains("pending: answer today's question to make it 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_StreakOfAnotherMember_ShowsTheirs()
    {
        host.Members.SeedActiveDays(CoreHost.ServerId, "8", "Linus", [new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)]);

        var reply = await host.RunAsync("streak", null, ("member", "@8"));

        Assert.Equal("Linus's streak", reply.Title);
        Assert.Equal("2", Assert.Single(reply.Fields, f => f.Name == "Current").Value);
    }

    [Fact]
    public async Task DispatchAsync_AnswerWithoutAPostedQuestion_SaysThereIsNone()
    {
        var reply = await host.RunAsync("answer", null, ("text", "A long enough answer to count for a streak."));

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Contains("no daily question to answer yet", reply.Text, StringComparison.Ordinal);
        Assert.Empty(host.Members.Answers);
    }

    [Fact]
    public async Task DispatchAsync_Timezone_SetsTheMembersZoneAndShowsTheirClock()
    {
        var reply = await host.RunAsync("timezone", null, ("zone", "Pacific/Auckland"));

        Assert.Equal(
            "Your days follow Pacific/Auckland from Wed 2026-11-25 00:00 UTC, when your current day ends (Wed 2026-11-25 13:00 in Pacific/Auckland). " +
            "Until then they follow UTC, so no day counts twice. Days already counted stay as they are.",
            reply.Text);
        Assert.Equal(TimeZoneInfo.Utc, await host.Streaks.ZoneForAsync(CoreHost.ServerId, "7", default));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("Pacific/Auckland", (await host.Streaks.ZoneForAsync(CoreHost.ServerId, "7", default)).Id);
    }

    [Fact]
    public async Task DispatchAsync_ScheduleShowAfterChannelUnavailable_ShowsPausedReason()
    {
        await SetUpAsync();
        host.Sender.FailNext(DailyPostOutcome.ChannelUnavailable, "403 Missing Access");
        await host.Daily.PostNowAsync(CoreHost.ServerId, default);

        var show = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"));

        var status = Assert.Single(show.Fields, f => f.Name == "Status").Value;
        Assert.StartsWith("Paused. The bot cannot post in the configured channel (403 Missing Access).", status, StringComparison.Ordinal);
        Assert.Contains(show.Fields, f => f.Name == "Next runs (once resumed)");
    }

    [Fact]
    public async Task DispatchAsync_ScheduleSkipThenShow_ListsTheSkippedDate()
    {
        await SetUpAsync();

        var skip = await host.RunAsync("schedule", CoreHost.Admin, ("action", "skip"));
        var show = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"));

        Assert.Equal("No question on Tue 2026-11-24. Undo with /schedule resume.", skip.Text);
        Assert.StartsWith("Tue 2026-11-24 18:30 (skipped)\nWed 2026-11-25 18:30\n", Assert.Single(show.Fields, f => f.Name == "Next runs").Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roadmap", "phase", "7", "'7' is not a valid phase. Use a whole number from 1 to 4.")]
    [InlineData("roadmap", "phase", "abc", "'abc' is not a valid phase. Use a whole number from 1 to 4.")]
    [InlineData("roadmap", "phase", "0", "from 1 to 4")]
    [InlineData("timezone", "zone", "Mars/Base", "'Mars/Base' is not an IANA time zone. Use a name like Europe/Berlin")]
    [InlineData("timezone", "zone", "+02:00", "is not an IANA time zone")]
    [InlineData("timezone", "zone", "Etc/GMT-2", "is not an IANA time zone")]
    [InlineData("cloud", "platform", "oracle", "'oracle' is not a valid platform. Choose one of: aws, gcp, azure.")]
    [InlineData("salary", "level", "principal", "Choose one of: entry, mid, senior, lead.")]
    [InlineData("tools", "category", "kubernetes", "is not a valid category. Choose one of: essential,")]
    [InlineData("question", "id", "81", "There is no question 81. The guide's questions are 1–80; a server's own start at 1001.")]
    [InlineData("question", "id", "0", "'0' is not a valid id. Use a whole number from 1 up.")]
    [InlineData("roadmap", "colour", "blue", "/roadmap has no option 'colour'. Its options: phase.")]
    [InlineData("help", "verbose", "yes", "/help takes no options.")]
    [InlineData("answer", "text", "ok", "text needs at least 20 characters (you wrote 2).")]
    [InlineData("roadmap", "phase", "", "phase is empty. Use a whole number from 1 to 4.")]
    [InlineData("cloud", "platform", " ", "platform is empty. Choose one of: aws, gcp, azure.")]
    [InlineData("timezone", "zone", "", "zone is empty. Use a name like Europe/Berlin, America/New_York, Asia/Kolkata or UTC.")]
    [InlineData("setup", "time", "", "time is empty. Use the 24-hour HH:mm form, e.g. 09:00 or 18:30.")]
    [InlineData("streak", "member", "", "member is empty. Give their name as the leaderboard shows it.")]
    [InlineData("streak", "member", "<@8>", "'<@8>' is not a member. Give their name as the leaderboard shows it.")]
    [InlineData("setup", "channel", "#two words", "'#two words' is not a channel. Give its name, e.g. #daily.")]
    public async Task DispatchAsync_BadOption_ShortProblemListingWhatIsValid(string command, string option, string value, string expected)
    {
        var reply = await host.RunAsync(command, CoreHost.Admin, (option, value));

        AssertProblem(reply, expected);
    }

    [Fact]
    public async Task DispatchAsync_SetupWithBadTime_ProblemAndNothingSaved()
    {
        var reply = await host.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "25:99"), ("timezone", "Europe/Berlin"));

        AssertProblem(reply, "'25:99' is not a time. Use the 24-hour HH:mm form, e.g. 09:00 or 18:30.");
        Assert.Null(await host.Servers.GetAsync(CoreHost.ServerId, default));
        Assert.Empty(host.Registry.Applied);
    }

    [Fact]
    public async Task DispatchAsync_SetupWithFixedOffsetZone_ProblemAndNothingSaved()
    {
        var reply = await host.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "09:00"), ("timezone", "+02:00"));

        AssertProblem(reply, "'+02:00' is not an IANA time zone.");
        Assert.Null(await host.Servers.GetAsync(CoreHost.ServerId, default));
    }

    [Fact]
    public async Task DispatchAsync_UnknownCommand_ListsTheCommands()
    {
        var reply = await host.RunAsync("/dance");

        AssertProblem(reply, "There is no /dance command. Commands: /answer, /cloud, /daily, /forget-me, /help,");
        Assert.Contains("Try /help.", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timezone", "/timezone needs zone (An IANA time zone, e.g. Europe/Berlin). Usage: /timezone zone:<zone>")]
    [InlineData("answer", "/answer needs text (Your answer). Usage: /answer text:<text>")]
    [InlineData("schedule", "/schedule needs action (What to do). Usage: /schedule action:show|pause|resume|post-now|skip")]
    public async Task DispatchAsync_MissingRequiredOption_SaysWhatIsNeeded(string command, string expected)
    {
        var reply = await host.RunAsync(command, CoreHost.Admin);

        AssertProblem(reply, expected);
    }

    [Theory]
    [InlineData("setup")]
    [InlineData("schedule")]
    public async Task DispatchAsync_AdminCommandByMember_RefusedBeforeAnythingRuns(string command)
    {
        await SetUpAsync();

        var reply = await host.RunAsync(command, CoreHost.Member(), ("action", "pause"), ("channel", "#1"), ("time", "07:00"), ("timezone", "UTC"));

        AssertProblem(reply, $"/{command} is for the server's admins.");
        Assert.False((await host.Servers.GetAsync(CoreHost.ServerId, default))!.Paused);
        Assert.Equal(new TimeOnly(18, 30), (await host.Servers.GetAsync(CoreHost.ServerId, default))!.PostTime);
    }

    [Fact]
    public async Task DispatchAsync_ScheduleBeforeSetup_SaysHowToSetUp()
    {
        var reply = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"));

        AssertProblem(reply, "There is no schedule yet. Set one up: /setup");
    }

    [Fact]
    public async Task DispatchAsync_HandlerPortThrows_GenericReplyWithoutExceptionText()
    {
        var failing = new Mock<IMemberStore>();
        failing.Setup(m => m.GetMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("disk /data/studybot.db is locked"));
        using var broken = new CoreHost(Now, s => s.AddSingleton(failing.Object));

        var reply = await broken.RunAsync("streak");

        AssertProblem(reply, "Something went wrong on our side; it was logged. Please try again in a moment.");
        Assert.DoesNotContain("locked", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_CallerCancelled_PropagatesInsteadOfReplying()
    {
        var slow = new Mock<IMemberStore>();
        slow.Setup(m => m.GetMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OperationCanceledException());
        using var cancelled = new CoreHost(Now, s => s.AddSingleton(slow.Object));
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            cancelled.Dispatcher.DispatchAsync(new CommandInvocation("streak", new Dictionary<string, string>(), CoreHost.Member()), stopping.Token));
    }

    [Fact]
    public async Task DispatchAsync_HandlerTimesOutWhileCallerWaits_ShortReplyAndLogged()
    {
        var timingOut = new Mock<IMemberStore>();
        timingOut.Setup(m => m.GetMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TaskCanceledException("The request timed out"));
        var log = new RecordingLogger<CommandDispatcher>();
        using var broken = new CoreHost(Now, s => s.AddSingleton(timingOut.Object).AddSingleton<ILogger<CommandDispatcher>>(log));

        var reply = await broken.RunAsync("streak");

        AssertProblem(reply, "Something went wrong on our side; it was logged.");
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<TaskCanceledException>(entry.Exception);
    }

    [Fact]
    public async Task DispatchAsync_OptionsThrowWhileBinding_ShortReplyAndLogged()
    {
        var log = new RecordingLogger<CommandDispatcher>();
        using var logged = new CoreHost(Now, s => s.AddSingleton<ILogger<CommandDispatcher>>(log));

        var reply = await logged.Dispatcher.DispatchAsync(new CommandInvocation("roadmap", new ThrowingOptions(), CoreHost.Member()), CancellationToken.None);

        AssertProblem(reply, "Something went wrong on our side; it was logged.");
        Assert.IsType<InvalidOperationException>(Assert.Single(log.Entries).Exception);
    }

    [Theory]
    [InlineData("America/Argentina", "America/Argentina/Buenos_Aires")]
    [InlineData("America/Indiana", "America/Indiana/Indianapolis")]
    [InlineData("America/Kentucky", "America/Kentucky/Louisville")]
    [InlineData("America/North_Dakota", "America/North_Dakota/Center")]
    [InlineData("america/argentina/", "America/Argentina/Salta")]
    public async Task DispatchAsync_TimeZoneFolder_UnknownZoneListingTheZonesInIt(string folder, string listed)
    {
        var timezone = await host.RunAsync("timezone", null, ("zone", folder));
        var setup = await host.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "09:00"), ("timezone", folder));

        AssertProblem(timezone, $"'{folder}' is a group of ");
        Assert.Contains(listed, timezone.Text, StringComparison.Ordinal);
        AssertProblem(setup, $"'{folder}' is a group of ");
        Assert.Null(await host.Servers.GetAsync(CoreHost.ServerId, default));
        Assert.Null((await host.Members.GetMemberAsync(CoreHost.ServerId, "7", default))?.TimeZoneId);
    }

    [Theory]
    [InlineData("roadmaps", "There is no /roadmaps command. Did you mean /roadmap? Commands: /answer, /cloud,")]
    [InlineData("/Skils", "There is no /Skils command. Did you mean /skills? Commands: /answer,")]
    [InlineData("leader", "There is no /leader command. Did you mean /leaderboard? Commands:")]
    [InlineData("frobnicate", "There is no /frobnicate command. Commands: /answer, /cloud, /daily, /forget-me, /help,")]
    [InlineData("/", "Type a command after the slash, e.g. /roadmap. Commands: /answer,")]
    public async Task DispatchAsync_MistypedCommand_SuggestsTheClosestThenLists(string typed, string expected)
    {
        var reply = await host.RunAsync(typed);

        AssertProblem(reply, expected);
        Assert.EndsWith("/tools. Try /help.", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roadmap", "phse", "2", "/roadmap has no option 'phse'. Did you mean phase? Its options: phase.")]
    [InlineData("cloud", "platform", "asw", "'asw' is not a valid platform. Did you mean aws? Choose one of: aws, gcp, azure.")]
    [InlineData("salary", "level", "senor", "'senor' is not a valid level. Did you mean senior? Choose one of: entry, mid, senior, lead.")]
    [InlineData("timezone", "zone", "Europe/Berln", "'Europe/Berln' is not an IANA time zone. Did you mean Europe/Berlin?")]
    public async Task DispatchAsync_MistypedOptionOrValue_SuggestsTheClosest(string command, string option, string value, string expected)
    {
        var reply = await host.RunAsync(command, null, (option, value));

        AssertProblem(reply, expected);
    }

    [Fact]
    public async Task DispatchAsync_Help_ListsTheScheduleActionsAndSmallChoices()
    {
        var text = AllText(await host.RunAsync("help"));

        Assert.Contains("/schedule action:show|pause|resume|post-now|skip [freezes]: ", text, StringComparison.Ordinal);
        Assert.Contains("/cloud [platform:aws|gcp|azure]: ", text, StringComparison.Ordinal);
        Assert.Contains("/roadmap [phase]: ", text, StringComparison.Ordinal);
        Assert.Contains("/tools [category]: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_FirstDaySetUpAfterThePostTime_TellsTheAdminAboutPostNow()
    {
        // 09:30 in Berlin: today's 09:00 has passed.
        var setup = await host.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "09:00"), ("timezone", "Europe/Berlin"));
        var adminDaily = await host.RunAsync("daily", CoreHost.Admin);
        var memberDaily = await host.RunAsync("daily");
        var adminAnswer = await host.RunAsync("answer", CoreHost.Admin, ("text", "A long enough answer to count for a streak."));
        var memberAnswer = await host.RunAsync("answer", null, ("text", "A long enough answer to count for a streak."));

        const string PostNow = "Today's 09:00 has passed; /schedule post-now posts today's question now.";
        Assert.Equal(
            $"Posting in channel 555 every day at 09:00 (Europe/Berlin). First question: Wed 2026-11-25 at 09:00 (Europe/Berlin). {PostNow} No role is pinged.",
            setup.Text);
        Assert.Equal($"First question: Wed 2026-11-25 at 09:00 (Europe/Berlin). {PostNow}", adminDaily.Text);
        Assert.Equal("First question: Wed 2026-11-25 at 09:00 (Europe/Berlin).", memberDaily.Text);
        AssertProblem(adminAnswer, $"There is no daily question to answer yet. First question: Wed 2026-11-25 at 09:00 (Europe/Berlin). {PostNow} Meanwhile, practise with /question.");
        AssertProblem(memberAnswer, "There is no daily question to answer yet. First question: Wed 2026-11-25 at 09:00 (Europe/Berlin). Meanwhile, practise with /question.");
    }

    [Fact]
    public async Task DispatchAsync_DailyAfterTheNextPostIsSkipped_NamesTheDayAfter()
    {
        await SetUpAsync();
        await host.RunAsync("schedule", CoreHost.Admin, ("action", "skip"));

        var daily = await host.RunAsync("daily", CoreHost.Admin);

        Assert.Equal("First question: Wed 2026-11-25 at 18:30 (Europe/Berlin).", daily.Text);
    }

    [Fact]
    public async Task DispatchAsync_FirstDayAfterPostNow_NoMoreHintAndTheQuestionCounts()
    {
        await host.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "09:00"), ("timezone", "Europe/Berlin"));

        var posted = await host.RunAsync("schedule", CoreHost.Admin, ("action", "post-now"));
        var daily = await host.RunAsync("daily", CoreHost.Admin);
        var answer = await host.RunAsync("answer", null, ("text", "A long enough answer to count for a streak."));

        Assert.Equal(ReplyTone.Success, posted.Tone);
        Assert.Equal("Next question: Wed 2026-11-25 at 09:00 (Europe/Berlin).", Assert.Single(daily.Fields, f => f.Name == "Schedule").Value);
        Assert.Equal("Counted for Tue 2026-11-24 (Europe/Berlin). Streak 1.", answer.Text);
    }

    [Fact]
    public async Task DispatchAsync_InvocationWithAPlatformsReferenceSyntax_ReadsReferencesThatWay()
    {
        var options = new Dictionary<string, string> { ["channel"] = "[C0123]", ["time"] = "09:00", ["timezone"] = "UTC", ["role"] = "[S0456]" };
        var plain = new Dictionary<string, string>(options) { ["channel"] = "#daily" };

        var reply = await host.Dispatcher.DispatchAsync(new CommandInvocation("setup", options, CoreHost.Admin, new BracketReferences()), CancellationToken.None);
        var refused = await host.Dispatcher.DispatchAsync(new CommandInvocation("setup", plain, CoreHost.Admin, new BracketReferences()), CancellationToken.None);

        Assert.Equal(ReplyTone.Success, reply.Tone);
        var saved = (await host.Servers.GetAsync(CoreHost.ServerId, default))!;
        Assert.Equal(("C0123", "S0456"), (saved.ChannelId, saved.PingRoleId));
        AssertProblem(refused, "'#daily' is not in brackets (Channel).");
    }

    private static void AssertProblem(Reply reply, string expected)
    {
        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", AllText(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reply.Text, StringComparison.Ordinal);
    }

    private static string AllText(Reply reply) =>
        string.Join('\n', [reply.Title, reply.Text, .. reply.Fields.Select(f => $"{f.Name}: {f.Value}")]);

    private async Task SetUpAsync()
    {
        var reply = await host.RunAsync("setup", CoreHost.Admin, ("channel", "#555"), ("time", "18:30"), ("timezone", "Europe/Berlin"));
        Assert.Equal(ReplyTone.Success, reply.Tone);
    }

    /// <summary>Options whose reading fails, standing in for anything unexpected while a command is bound.</summary>
    private sealed class ThrowingOptions : IReadOnlyDictionary<string, string>
    {
        public int Count => throw new InvalidOperationException("broken options");

        public IEnumerable<string> Keys => throw new InvalidOperationException("broken options");

        public IEnumerable<string> Values => throw new InvalidOperationException("broken options");

        public string this[string key] => throw new InvalidOperationException("broken options");

        public bool ContainsKey(string key) => throw new InvalidOperationException("broken options");

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) => throw new InvalidOperationException("broken options");

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => throw new InvalidOperationException("broken options");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A platform's way of writing references, unlike the plain one: [id].</summary>
    private sealed class BracketReferences : IReferenceSyntax
    {
        public bool TryRead(OptionKind kind, string text, out string id, out string problem)
        {
            var inBrackets = text.Length > 2 && text[0] == '[' && text[^1] == ']';
            id = inBrackets ? text[1..^1] : "";
            problem = inBrackets ? "" : $"'{text}' is not in brackets ({kind}).";
            return inBrackets;
        }
    }
}
