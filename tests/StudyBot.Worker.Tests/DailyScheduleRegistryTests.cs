using StudyBot.Core.Servers;
using StudyBot.Core.Time;
using StudyBot.Worker.Scheduling;

namespace StudyBot.Worker.Tests;

public sealed class DailyScheduleRegistryTests
{
    private static ServerSettings Server(string zone, int hour, int minute) =>
        new("discord:1100000000000000007", "daily", new TimeOnly(hour, minute), zone, null, false, null, DateTimeOffset.UnixEpoch);

    private static List<DateTimeOffset> FireTimes(ServerSettings settings, DateTimeOffset after, int count)
    {
        var trigger = DailyScheduleRegistry.BuildTrigger(settings, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(after));
        var times = new List<DateTimeOffset>();
        DateTimeOffset? cursor = after;
        while (times.Count < count && trigger.GetFireTimeAfter(cursor) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }

    [Fact]
    public void BuildTrigger_SpringForwardSkipsThePostTime_FiresOnceWhenTheGapEnds()
    {
        // Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29; 02:30 does not exist that day.
        var server = Server("Europe/Berlin", 2, 30);

        var fires = FireTimes(server, new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), fires[0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), fires[1]);
        var zone = TimeZones.FindOrUtc("Europe/Berlin");
        Assert.Equal(TimeZones.ToInstant(new DateOnly(2026, 3, 29), server.PostTime, zone), fires[0]);
    }

    [Fact]
    public void BuildTrigger_FallBackRepeatsThePostTime_FiresOnceAtTheFirstOccurrence()
    {
        // America/New_York repeats 01:00–02:00 on 2026-11-01.
        var server = Server("America/New_York", 1, 30);

        var fires = FireTimes(server, new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), fires[0]);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 6, 30, 0, TimeSpan.Zero), fires[1]);
        var zone = TimeZones.FindOrUtc("America/New_York");
        Assert.Equal(TimeZones.ToInstant(new DateOnly(2026, 11, 1), server.PostTime, zone), fires[0]);
    }

    [Fact]
    public void BuildTrigger_ServerFarFromUtc_FiresAtItsOwnLocalTime()
    {
        var fires = FireTimes(Server("Pacific/Auckland", 9, 0), new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), 1);

        // 09:00 NZDT (UTC+13) on Wednesday 25 November is 20:00 UTC on the 24th.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero), fires[0]);
    }
}
