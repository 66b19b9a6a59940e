using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Learning;

/// <summary>Where a member's reviews stand on their own local today: what is due (most overdue first) and what comes next.</summary>
public sealed record ReviewStatus(
    DateOnly Today,
    string TimeZoneId,
    IReadOnlyList<QuestionSchedule> Due,
    QuestionSchedule? Next,
    IReadOnlyCollection<QuestionSchedule> Rated);

/// <summary>
/// The learning loop after an answer: self-ratings are appended, and the review schedule is derived from them on the
/// member's own local dates (their zone as their streak uses it). Nothing here touches the streak.
/// </summary>
public sealed class LearningService(IRatingStore ratings, StreakService streaks, GuideContent content, TimeProvider time)
{
    public InterviewQuestion? FindQuestion(int questionId) => content.FindQuestion(questionId);

    public QuestionKeyPoints? FindKeyPoints(int questionId) => content.FindKeyPoints(questionId);

    public async Task<Reply> RateAsync(MemberContext member, int questionId, SelfRating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (FindQuestion(questionId) is null)
        {
            return Reply.Problem($"There is no question {questionId} to rate any more.");
        }

        var zone = await streaks.ZoneForAsync(member, cancellationToken);
        var now = time.GetUtcNow();
        var today = TimeZones.LocalDate(now, zone);
        await ratings.AddAsync(
            new RatingRecord(member.ServerId, member.MemberId, questionId, rating, today, TimeZones.NameOf(zone), now),
            cancellationToken);

        var schedule = ReviewSchedule.Derive(await ratings.GetAsync(member.ServerId, member.MemberId, cancellationToken))[questionId];
        return Reply.Success(
            $"Rated: {SelfRatings.Label(rating)}",
            $"Q#{questionId} comes back for /review on {DailyTime.FormatDate(schedule.Due)} ({When(schedule.Due, today)}).");
    }

    public async Task<ReviewStatus> GetStatusAsync(MemberContext member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var zone = await streaks.ZoneForAsync(member, cancellationToken);
        var today = TimeZones.LocalDate(time.GetUtcNow(), zone);
        var rated = ReviewSchedule.Derive(await ratings.GetAsync(member.ServerId, member.MemberId, cancellationToken))
            .Values
            .Where(s => FindQuestion(s.QuestionId) is not null)
            .ToList();
        var due = rated.Where(s => s.Due <= today).OrderBy(s => s.Due).ThenBy(s => s.QuestionId).ToList();
        var next = rated.Where(s => s.Due > today).OrderBy(s => s.Due).ThenBy(s => s.QuestionId).FirstOrDefault();
        return new ReviewStatus(today, TimeZones.NameOf(zone), due, next, rated);
    }

    /// <summary>"today", "tomorrow", "in 6 days", or "3 days ago" for an overdue date.</summary>
    public static string When(DateOnly date, DateOnly today) => (date.DayNumber - today.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        -1 => "yesterday",
        < 0 and var days => $"{-days} days ago",
        var days => $"in {days} days",
    };
}
