using Microsoft.Extensions.Hosting;

namespace StudyBot.Worker.Tests;

public sealed class ScheduledPostTests
{
    [Fact]
    public async Task Quartz_AtTheConfiguredLocalTime_PrintsTheDailyQuestionOnce()
    {
        // 08:59:30 in Berlin (UTC+1 in November); the question is due at 09:00 local.
        using var host = new TestHost(new DateTimeOffset(2026, 11, 24, 7, 59, 30, TimeSpan.Zero), "--Console:TimeZone=Europe/Berlin");
        using var console = new ScriptedChatConsole();
        using var app = host.Build(console);
        await app.StartAsync();
        await console.WaitForOutputAsync("StudyBot is running locally");
        console.Send("/schedule show");
        await console.WaitForOutputAsync("Next runs");
        Assert.DoesNotContain("=== #daily", console.Output, StringComparison.Ordinal);

        // Quartz waits on the injected clock, so moving it to 09:00 wakes the scheduler; no real time has to pass.
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var output = await console.WaitForOutputAsync("=== #daily");

        Assert.Contains("Daily question · Tue 2026-11-24", output, StringComparison.Ordinal);
        console.Send("/schedule post-now");
        await console.WaitForOutputAsync("one question a day");
        Assert.Equal(1, ScriptedChatConsole.Count(console.Output, "=== #daily"));
        console.EndInput();
        await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
