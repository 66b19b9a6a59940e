using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Reminders;

namespace StudyBot.Worker.Tests;

/// <summary>Reminders through the whole host: the console chat, a real LiteDB file, the minute loop on a fake clock.</summary>
public sealed class ReminderTests
{
    private const string Reminder = "=== reminder (private) ===";

    // 08:00 UTC; the console server posts at 09:00 UTC.
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Loop_AtTheMembersTime_PrintsTheReminderWithTheQuestion_OncePerDay()
    {
        using var host = new TestHost(Morning);
        using var console = new ScriptedChatConsole();
        using var app = host.Build(console);
        await app.StartAsync();
        await console.WaitForOutputAsync("StudyBot is running locally");
        console.Send("/schedule post-now");
        console.Send("/remind time:20:00");
        await console.WaitForOutputAsync("Reminder set");

        host.Clock.Advance(TimeSpan.FromHours(12)); // 20:00 UTC
        var output = await console.WaitForOutputAsync(Reminder);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        console.Send("/answer text:\"Shadow traffic first, then a small canary to a slice of users.\"");
        await console.WaitForOutputAsync("Counted for Tue 2026-11-24");
        host.Clock.Advance(TimeSpan.FromHours(13)); // Wed 09:01: Wednesday's question is posted
        await console.WaitForOutputAsync("=== #daily", occurrences: 2);
        host.Clock.Advance(TimeSpan.FromHours(11)); // Wed 20:01: not answered yet
        await console.WaitForOutputAsync(Reminder, occurrences: 2);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        console.Send("/remind");
        await console.WaitForOutputAsync("Your reminder");

        Assert.Contains("Reminder · Daily question · Tue 2026-11-24", output, StringComparison.Ordinal);
        Assert.Contains("[Answer] answer here with /answer", output[output.IndexOf(Reminder, StringComparison.Ordinal)..], StringComparison.Ordinal);
        console.EndInput();
        await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, ScriptedChatConsole.Count(console.Output, Reminder));
    }

    [Fact]
    public async Task Restart_ReminderDueWhileDown_SentOnStartTheSameLocalDay_AndNotAgain()
    {
        using var host = new TestHost(Morning);
        await host.RunScriptAsync("/schedule post-now", "/remind time:20:00");

        // Down from 08:00 to 21:30: the 20:00 reminder fell due meanwhile; it is still Tuesday in UTC.
        host.Clock.Advance(TimeSpan.FromHours(13.5));
        using (var console = new ScriptedChatConsole())
        using (var app = host.Build(console))
        {
            await app.StartAsync();
            var output = await console.WaitForOutputAsync(Reminder);
            Assert.Contains("Reminder · Daily question · Tue 2026-11-24", output, StringComparison.Ordinal);
            console.EndInput();
            await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var again = await host.RunScriptAsync("/remind");

        Assert.DoesNotContain(Reminder, again, StringComparison.Ordinal);
        Assert.Contains("Next: Wed 2026-11-25 20:00", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ReminderDueWhileDown_NextLocalDayNow_Skipped()
    {
        using var host = new TestHost(Morning);
        await host.RunScriptAsync("/schedule post-now", "/remind time:20:00");

        // Back on Wednesday at 08:30: Tuesday's reminder is gone, Wednesday's is not due yet.
        host.Clock.Advance(TimeSpan.FromHours(24.5));
        using var console = new ScriptedChatConsole();
        using var app = host.Build(console);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<IReminderStore>();
        var moved = await WaitUntilAsync(async () => (await store.GetAsync("console:local", "local", CancellationToken.None))?.DueDate == new DateOnly(2026, 11, 25));
        console.EndInput();
        await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(moved);
        Assert.DoesNotContain(Reminder, console.Output, StringComparison.Ordinal);
    }

    /// <summary>Polls a condition the host reaches on its own (the start-up run), up to a bound.</summary>
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
