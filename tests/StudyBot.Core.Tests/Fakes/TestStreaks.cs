using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>A <see cref="StreakService"/> over in-memory ports, and a way to record the daily posts a server made.</summary>
internal static class TestStreaks
{
    public static StreakService Create(
        IMemberStore members,
        IServerStore servers,
        TimeProvider time,
        IDailyPostStore? posts = null,
        IStreakLedger? ledger = null,
        IMemberNoticeStore? notices = null) =>
        new(
            members,
            servers,
            time,
            Options.Create(new StreakOptions()),
            ledger ?? new InMemoryStreakLedger(),
            posts ?? new InMemoryDailyPostStore(),
            new MemberNotices(notices ?? new InMemoryMemberNoticeStore(), time));

    /// <summary>
    /// Records a sent daily post for each server date from <paramref name="first"/> to <paramref name="last"/> at
    /// <paramref name="postTime"/> in <paramref name="zone"/> (question id = day of month), except <paramref name="skip"/>.
    /// </summary>
    public static async Task PostDailyAsync(IDailyPostStore posts, string serverId, string zone, TimeOnly postTime, DateOnly first, DateOnly last, params DateOnly[] skip)
    {
        var tz = TimeZones.FindOrUtc(zone);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (skip.Contains(date))
            {
                continue;
            }

            var at = TimeZones.ToInstant(date, postTime, tz);
            await posts.ClaimAsync(new DailySlot(serverId, date, DailySlotStatus.Sent, date.Day, 0, $"n{date:yyyyMMdd}", "msg", at, at), default);
        }
    }

    public static ServerSettings Server(string serverId, string zone, TimeOnly postTime, int freezeLimit = StreakRules.DefaultFreezeLimit) =>
        new(serverId, "c1", postTime, zone, null, false, null, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), FreezeLimit: freezeLimit);
}
