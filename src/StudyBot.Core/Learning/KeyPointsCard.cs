using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;

namespace StudyBot.Core.Learning;

/// <summary>The key points, pitfalls and rating buttons shown under an answer, a review or "Show key points".</summary>
public static class KeyPointsCard
{
    public const string RatePrefix = "rate:";
    public const string ShowPrefix = "keypoints:";
    public const string KeyPointsField = "Key points";
    public const string PitfallsField = "Pitfalls";
    public const string RateField = "Rate your answer";

    /// <summary>Said instead of key points for a server's own question whose admins have not written any.</summary>
    public const string NoKeyPointsYet = "This question has no key points yet.";

    /// <summary>Discord caps a field's value at 1,024 characters; six long points can pass that, so they are split.</summary>
    private const int FieldBudget = 1000;

    public static ReplyButton ShowButton(int questionId) => new("Show key points", ShowPrefix + Id(questionId));

    public static string RateAction(int questionId, SelfRating rating) => $"{RatePrefix}{Id(questionId)}:{SelfRatings.Key(rating)}";

    public static IReadOnlyList<ReplyButton> RatingButtons(int questionId) =>
        [.. SelfRatings.All.Select(r => new ReplyButton(SelfRatings.Label(r), RateAction(questionId, r)))];

    /// <summary>
    /// <paramref name="reply"/> with the question's key points and pitfalls (when it has them) and the rating buttons; a
    /// question without key points (a server's own, when its admins wrote none) says so and still offers the rating.
    /// </summary>
    public static Reply AddTo(Reply reply, int questionId, QuestionKeyPoints? keyPoints)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var fields = new List<ReplyField>(reply.Fields);
        if (keyPoints is not null)
        {
            fields.AddRange(Bullets(KeyPointsField, keyPoints.Points));
            fields.AddRange(Bullets(PitfallsField, keyPoints.Pitfalls));
        }

        fields.Add(new ReplyField(
            RateField,
            keyPoints is null || keyPoints.Points.Count == 0
                ? NoKeyPointsYet + " Rate how sure you were; your rating schedules it for /review."
                : "How did your answer compare with the key points? Your rating schedules this question for /review."));
        return reply with { Fields = fields, Buttons = [.. reply.Buttons, .. RatingButtons(questionId)] };
    }

    private static IEnumerable<ReplyField> Bullets(string name, IReadOnlyList<string> items)
    {
        var part = new List<string>();
        var length = 0;
        var first = true;
        foreach (var item in items.Select(i => "• " + i))
        {
            if (part.Count > 0 && length + item.Length + 1 > FieldBudget)
            {
                yield return new ReplyField(first ? name : name + " (cont.)", string.Join('\n', part));
                first = false;
                part.Clear();
                length = 0;
            }

            part.Add(item);
            length += item.Length + 1;
        }

        if (part.Count > 0)
        {
            yield return new ReplyField(first ? name : name + " (cont.)", string.Join('\n', part));
        }
    }

    private static string Id(int questionId) => questionId.ToString(CultureInfo.InvariantCulture);
}
