using System.Collections.Frozen;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Questions;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Core.Learning;

/// <summary>
/// Where a member's reviews stand on their own local today: what is due (most overdue first) and what comes next.
/// <see cref="Questions"/> holds each rated question that still exists (the guide's, or the server's own, retired ones
/// included), so the commands need no second look-up.
/// </summary>
public sealed record ReviewStatus(
    DateOnly Today,
    string TimeZoneId,
    IReadOnlyList<QuestionSchedule> Due,
    QuestionSchedule? Next,
    IReadOnlyCollection<QuestionSchedule> Rated,
    IReadOnlyDictionary<int, InterviewQuestion> Questions);

/// <summary>
/// The learning loop after an answer: self-ratings are appended, and the review schedule is derived from them on the
/// member's own local dates (their zone as their streak uses it). Questions are the guide's or the server's own
/// (<see cref="QuestionCatalog"/>): an own question is rated, reviewed and counted like a guide question, under its own
/// category. Nothing here touches the streak.
/// </summary>
public sealed class LearningService(IRatingStore ratings, StreakService streaks, QuestionCatalog catalog, TimeProvider time)
{
    private readonly FrozenDictionary<int, InterviewQuestion> guide = catalog.Guide.Questions.ToFrozenDictionary(q => q.Id);

    /// <summary>The question and its key points (null when an own question has none yet), or null when there is no such question.</summary>
    public Task<StudyQuestion?> FindAsync(string serverId, int questionId, CancellationToken cancellationToken) =>
        catalog.FindWithKeyPointsAsync(serverId, questionId, cancellationToken);

    /// <summary>
    /// <paramref name="reply"/> (an answer's confirmation) with the question's key points and the rating buttons; an own
    /// question without key points still gets the buttons. Unchanged when there is no such question.
    /// </summary>
    public async Task<Reply> WithKeyPointsAsync(MemberContext member, int questionId, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        return await FindAsync(member.ServerId, questionId, cancellationToken) is { } found
            ? KeyPointsCard.AddTo(reply, questionId, found.KeyPoints)
            : reply;
    }

    public async Task<Reply> RateAsync(MemberContext member, int questionId, SelfRating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (await FindAsync(member.ServerId, questionId, cancellationToken) is null)
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

    /// <summary>
    /// The member's schedule today. A retired own question stays in it: the member rated it to learn it, and retiring
    /// only takes it out of the daily rotation. A rated question that no longer exists at all is left out.
    /// </summary>
    public async Task<ReviewStatus> GetStatusAsync(MemberContext member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var zone = await streaks.ZoneForAsync(member, cancellationToken);
        var today = TimeZones.LocalDate(time.GetUtcNow(), zone);
        var schedules = ReviewSchedule.Derive(await ratings.GetAsync(member.ServerId, member.MemberId, cancellationToken));

        var questions = new Dictionary<int, InterviewQuestion>(schedules.Count);
        var anyOwn = false;
        foreach (var id in schedules.Keys)
        {
            if (guide.TryGetValue(id, out var question))
            {
                questions[id] = question;
            }
            else
            {
                anyOwn |= QuestionCatalog.IsOwnId(id);
            }
        }

        if (anyOwn)
        {
            foreach (var own in await catalog.OwnQuestionsAsync(member.ServerId, cancellationToken))
            {
                if (schedules.ContainsKey(own.Id))
                {
                    questions[own.Id] = own.ToInterviewQuestion();
                }
            }
        }

        var rated = new List<QuestionSchedule>(questions.Count);
        var due = new List<QuestionSchedule>();
        QuestionSchedule? next = null;
        foreach (var schedule in schedules.Values)
        {
            if (!questions.ContainsKey(schedule.QuestionId))
            {
                continue;
            }

            rated.Add(schedule);
            if (schedule.Due <= today)
            {
                due.Add(schedule);
            }
            else if (next is null || (schedule.Due, schedule.QuestionId).CompareTo((next.Due, next.QuestionId)) < 0)
            {
                next = schedule;
            }
        }

        due.Sort((a, b) => (a.Due, a.QuestionId).CompareTo((b.Due, b.QuestionId)));
        return new ReviewStatus(today, TimeZones.NameOf(zone), due, next, rated, questions);
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
