using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;

namespace StudyBot.Core.Streaks;

/// <summary>
/// Which of a member's local days had a daily question. The rule: a day of the member's counts as a question day
/// when a question was posted during it, by the member's own clock (the instant the post went out, in the zone the
/// member's day followed then). Each post opens exactly one member day wherever the member lives, so a skipped,
/// paused or missed post never asks a member for an answer on a day without a question. Around a DST change of
/// either zone one member day may hold no post (neutral) and the next two.
/// </summary>
public static class QuestionCalendar
{
    public static Func<DateOnly, DayQuestion> For(IReadOnlyList<DailySlot> slots, ServerSettings? settings, MemberClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(clock);
        var posted = new Dictionary<DateOnly, DayQuestion>();
        var byServerDate = new Dictionary<DateOnly, DailySlot>(slots.Count);
        foreach (var slot in slots)
        {
            byServerDate[slot.LocalDate] = slot;
            if (slot.Status == DailySlotStatus.Sent)
            {
                var at = slot.SentAt ?? slot.ClaimedAt;
                posted.TryAdd(clock.DateAt(at), new DayQuestion(slot.QuestionId, at, null));
            }
        }

        var skipped = clock.SkippedDates(now);
        var serverZone = TimeZones.FindOrUtc(settings?.TimeZoneId);
        return date =>
        {
            if (posted.TryGetValue(date, out var question))
            {
                return question;
            }

            if (skipped.TryGetValue(date, out var moved))
            {
                return new DayQuestion(null, null, moved);
            }

            return new DayQuestion(null, null, WhyNone(date, settings, byServerDate, clock, serverZone));
        };
    }

    /// <summary>
    /// Whether the schedule still posts a question after <paramref name="from"/> and before <paramref name="until"/>: the
    /// server is set up and not paused, and one of its post times falls in between, on a server date not skipped,
    /// missed or posted already. A member's day whose post is still to come is not neutral.
    /// </summary>
    public static bool PostExpected(IReadOnlyList<DailySlot> slots, ServerSettings? settings, DateTimeOffset from, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (settings is null || settings.Paused)
        {
            return false;
        }

        var zone = TimeZones.FindOrUtc(settings.TimeZoneId);
        for (var date = TimeZones.LocalDate(from, zone); ; date = date.AddDays(1))
        {
            var at = TimeZones.ToInstant(date, settings.PostTime, zone);
            if (at >= until)
            {
                return false;
            }

            if (at > from && at >= settings.ConfiguredAt && !HasSlot(slots, date))
            {
                return true;
            }
        }
    }

    /// <summary>Whether the server date has a slot other than a claim still being sent; slots are oldest first.</summary>
    private static bool HasSlot(IReadOnlyList<DailySlot> slots, DateOnly date)
    {
        for (var i = slots.Count - 1; i >= 0 && slots[i].LocalDate >= date; i--)
        {
            if (slots[i].LocalDate == date)
            {
                return slots[i].Status != DailySlotStatus.Claimed;
            }
        }

        return false;
    }

    private static string WhyNone(DateOnly date, ServerSettings? settings, Dictionary<DateOnly, DailySlot> byServerDate, MemberClock clock, TimeZoneInfo serverZone)
    {
        if (settings is null)
        {
            return "the daily question is not set up in this server";
        }

        // The server dates that overlap the member's day: what the schedule recorded for them says why nothing came.
        var zone = clock.ZoneAt(TimeZones.ToInstant(date, new TimeOnly(12, 0), clock.Fallback));
        var start = TimeZones.ToInstant(date, TimeOnly.MinValue, zone);
        var end = TimeZones.ToInstant(date.AddDays(1), TimeOnly.MinValue, zone);
        if (end <= settings.ConfiguredAt)
        {
            return "the daily question was not set up yet";
        }

        for (var serverDate = TimeZones.LocalDate(start, serverZone); serverDate <= TimeZones.LocalDate(end.AddTicks(-1), serverZone); serverDate = serverDate.AddDays(1))
        {
            if (byServerDate.TryGetValue(serverDate, out var slot))
            {
                switch (slot.Status)
                {
                    case DailySlotStatus.Skipped:
                        return $"an admin skipped the question of {DailyTime.FormatDate(serverDate)}";
                    case DailySlotStatus.Missed:
                        return $"the bot was down and the question of {DailyTime.FormatDate(serverDate)} was not posted";
                }
            }
        }

        return settings.Paused ? "the schedule is paused" : "no question was posted during your day";
    }
}
