using StudyBot.Core.Commands;
using StudyBot.Core.Learning;
using StudyBot.Core.Time;

namespace StudyBot.Core.Streaks;

/// <summary>
/// Takes an answer from any place that accepts one (/answer, the Answer form, a thread reply), credits the streak
/// and says privately what counted: "Counted for Tue 2026-11-24 (Europe/Berlin). Streak 12.". With the learning loop,
/// an answer that counted or was kept as practice is shown its question's key points (the guide's or the server's own)
/// and the self-rating buttons.
/// </summary>
public sealed class AnswerService(StreakService streaks, LearningService? learning = null)
{
    public async Task<Reply> SubmitAsync(MemberContext member, int? questionId, string text, AnswerSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var length = (text ?? "").Trim().Length;
        if (length < streaks.MinAnswerLength)
        {
            return Reply.Problem($"An answer needs at least {streaks.MinAnswerLength} characters to count (yours has {length}). Give it a real try!");
        }

        if (length > streaks.MaxAnswerLength)
        {
            return Reply.Problem($"An answer can be at most {streaks.MaxAnswerLength} characters (yours has {length}).");
        }

        var result = await streaks.CreditAnswerAsync(member, questionId, source, cancellationToken);
        var confirmation = Confirmation(result);
        return learning is not null && questionId is { } id && result.Status != CreditStatus.DuplicateInteraction
            ? await learning.WithKeyPointsAsync(member, id, confirmation, cancellationToken)
            : confirmation;
    }

    public static Reply Confirmation(CreditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var day = $"{DailyTime.FormatDate(result.LocalDate)} ({result.TimeZoneId})";
        var streak = StreakMath.CurrentStreak(result.Streak, result.LocalDate);
        return result.Status switch
        {
            CreditStatus.Credited => Reply.Success("Answer counted", $"Counted for {day}. Streak {streak}."),
            CreditStatus.AlreadyCountedToday => Reply.Success(
                "Already counted today",
                $"Already counted today: {day}. This answer is kept as practice. Streak {streak}."),
            _ => Reply.Success("Already recorded", $"This answer was already recorded for {day}. Streak {streak}."),
        };
    }
}
