using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Servers;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Reminders;

public sealed class RemindCommandTests : IDisposable
{
    private readonly CoreHost host = new(DateTimeOffset.Parse("2026-12-08T18:30:00Z", CultureInfo.InvariantCulture));

    public RemindCommandTests() =>
        host.Servers.SaveAsync(new ServerSettings(CoreHost.ServerId, "daily", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, DateTimeOffset.UnixEpoch), CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Remind_Nothing_SaysRemindersAreOffByDefault()
    {
        var reply = await host.RunAsync("remind");

        Assert.Equal("No reminder", reply.Title);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
    }

    [Fact]
    public async Task Remind_Time_InTheServersZone_NextIsTodayWhenStillAhead()
    {
        var reply = await host.RunAsync("remind", null, ("time", "20:00")); // 19:30 in Berlin now

        Assert.Equal(ReplyTone.Success, reply.Tone);
        Assert.Contains("Europe/Berlin", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Tue 2026-12-08 20:00", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_TimeAlreadyPassedToday_NextIsTomorrow()
    {
        var reply = await host.RunAsync("remind", null, ("time", "19:00"));

        Assert.Contains("Wed 2026-12-09 19:00", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_ProfileZone_UsedWhenNoOwnZone()
    {
        var member = CoreHost.Member() with { ProfileTimeZoneId = "America/New_York" };

        var reply = await host.RunAsync("remind", member, ("time", "20:00"));

        Assert.Contains("America/New_York", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Tue 2026-12-08 20:00", reply.Text, StringComparison.Ordinal); // 13:30 in New York
    }

    [Fact]
    public async Task Remind_Off_RemovesIt()
    {
        await host.RunAsync("remind", null, ("time", "20:00"));

        var line = CommandLineParser.Parse("/remind off", [.. host.Services.GetServices<ICommandHandler>().Select(h => h.Definition)])!;
        var off = await host.RunAsync("remind", null, [.. line.Options.Select(o => (o.Key, o.Value))]);
        var show = await host.RunAsync("remind");

        Assert.Equal("Reminder off", off.Title);
        Assert.Equal("No reminder", show.Title);
        Assert.Null(await host.Reminders.GetAsync(CoreHost.ServerId, "7", CancellationToken.None));
    }

    [Fact]
    public async Task Remind_TimeAndOff_OneClearLine()
    {
        var reply = await host.RunAsync("remind", null, ("time", "20:00"), ("action", "off"));

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.Null(await host.Reminders.GetAsync(CoreHost.ServerId, "7", CancellationToken.None));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("8pm")]
    public async Task Remind_BadTime_OneClearLine(string time)
    {
        var reply = await host.RunAsync("remind", null, ("time", time));

        Assert.Equal(ReplyTone.Problem, reply.Tone);
        Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
    }
}
