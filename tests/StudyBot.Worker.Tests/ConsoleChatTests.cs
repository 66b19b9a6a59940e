namespace StudyBot.Worker.Tests;

public sealed class ConsoleChatTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

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
}
