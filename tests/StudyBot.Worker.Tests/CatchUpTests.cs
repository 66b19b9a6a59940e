namespace StudyBot.Worker.Tests;

/// <summary>Restarts of the real host over one data file: what downtime did to the daily post.</summary>
public sealed class CatchUpTests
{
    private static readonly DateTimeOffset SetupTime = new(2026, 11, 24, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Restart_InsideTheWindow_PostsOnStartOnlyOnce()
    {
        using var host = new TestHost(SetupTime);
        await host.RunScriptAsync("/setup channel:#study time:09:00 timezone:UTC");

        host.Clock.SetUtcNow(SetupTime.AddHours(5)); // 12:00, three hours after 09:00
        var first = await host.RunScriptAsync("/schedule show");
        host.Clock.Advance(TimeSpan.FromHours(1));
        var second = await host.RunScriptAsync("/schedule show");

        Assert.Contains("=== #study", first, StringComparison.Ordinal);
        Assert.Contains("Daily question · Tue 2026-11-24", first, StringComparison.Ordinal);
        Assert.DoesNotContain("=== #study", second, StringComparison.Ordinal);
        Assert.Contains("Sent · Q#1", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_OutsideTheWindow_RecordsTheDayAsMissed()
    {
        using var host = new TestHost(SetupTime);
        await host.RunScriptAsync("/setup channel:#study time:09:00 timezone:UTC");

        host.Clock.SetUtcNow(SetupTime.AddHours(9)); // 16:00, seven hours after 09:00
        var output = await host.RunScriptAsync("/schedule show", "/schedule post-now");

        Assert.DoesNotContain("=== #study", output, StringComparison.Ordinal);
        Assert.Contains("Today:\n  Missed", output, StringComparison.Ordinal);
        Assert.Contains("Today was recorded as missed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_WithAShorterWindow_UsesTheConfiguredWindow()
    {
        using var host = new TestHost(SetupTime, "--Schedule:CatchUpWindow=01:00:00");
        await host.RunScriptAsync("/setup channel:#study time:09:00 timezone:UTC");

        host.Clock.SetUtcNow(SetupTime.AddHours(4)); // 11:00, two hours late
        var output = await host.RunScriptAsync("/schedule show");

        Assert.DoesNotContain("=== #study", output, StringComparison.Ordinal);
        Assert.Contains("Missed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_AfterTodaysTimeHasPassed_DoesNotPostForToday()
    {
        using var host = new TestHost(SetupTime.AddHours(3)); // 10:00: today's 09:00 passed before setup
        await host.RunScriptAsync("/setup channel:#study time:09:00 timezone:UTC");

        host.Clock.Advance(TimeSpan.FromHours(1));
        var output = await host.RunScriptAsync("/schedule show");

        Assert.DoesNotContain("=== #study", output, StringComparison.Ordinal);
        Assert.Contains("Today:\n  not posted yet", output, StringComparison.Ordinal);
    }
}
