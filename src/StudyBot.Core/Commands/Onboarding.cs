using StudyBot.Core.Content;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;

namespace StudyBot.Core.Commands;

/// <summary>The welcome a new member gets, and what /start shows anyone at any time.</summary>
public static class Onboarding
{
    public static Reply Build(GuideContent content, ServerSettings? server)
    {
        ArgumentNullException.ThrowIfNull(content);
        var when = server is null
            ? "once an admin has run /setup"
            : $"every day at {DailyTime.Format(server.PostTime)} ({server.TimeZoneId})";
        var roadmap = string.Join('\n', content.Roadmap.Phases.Select(p => $"{p.Number}. {p.Title} ({p.Duration})"));
        return new Reply(
            "Welcome to the ML engineer study group",
            "We study together to become ML engineers: one interview question a day, a streak for every day you answer, and the guide's roadmap, skills, tools, clouds and salaries a command away.",
            [
                new ReplyField($"The roadmap ({content.Roadmap.TotalDuration})", roadmap),
                new ReplyField("The daily question", $"Posted {when}. Answer with the Answer button, /answer or in its thread. Your first answer each day counts for your streak."),
                new ReplyField("Your day", "Streaks follow your own time zone: set it with /timezone zone:Europe/Berlin. Check progress with /streak and /leaderboard."),
                new ReplyField("Look things up", "/roadmap · /skills · /tools · /cloud · /role · /salary · /question · /help"),
            ],
            [],
            ReplyVisibility.Private,
            ReplyTone.Info);
    }
}
