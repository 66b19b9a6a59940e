namespace StudyBot.Core.Learning;

/// <summary>How a member rates their own answer against the question's key points.</summary>
public enum SelfRating
{
    Missed,
    Partly,
    Got,
}

/// <summary>The words a member sees for a rating and the ones a button carries ("rate:12:got").</summary>
public static class SelfRatings
{
    public static IReadOnlyList<SelfRating> All { get; } = [SelfRating.Missed, SelfRating.Partly, SelfRating.Got];

    public static string Key(SelfRating rating) => rating switch
    {
        SelfRating.Missed => "missed",
        SelfRating.Partly => "partly",
        SelfRating.Got => "got",
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Unknown rating."),
    };

    public static string Label(SelfRating rating) => rating switch
    {
        SelfRating.Missed => "Missed it",
        SelfRating.Partly => "Partly",
        SelfRating.Got => "Got it",
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Unknown rating."),
    };

    public static bool TryParse(ReadOnlySpan<char> key, out SelfRating rating)
    {
        foreach (var candidate in All)
        {
            if (key.SequenceEqual(Key(candidate)))
            {
                rating = candidate;
                return true;
            }
        }

        rating = default;
        return false;
    }
}

/// <summary>
/// One self-rating as it is appended to storage; <see cref="LocalDate"/> is the member's day in <see cref="TimeZoneId"/>
/// when they rated (the zone their streak uses), and the schedule counts its intervals from it.
/// </summary>
public sealed record RatingRecord(
    string ServerId,
    string MemberId,
    int QuestionId,
    SelfRating Rating,
    DateOnly LocalDate,
    string TimeZoneId,
    DateTimeOffset RatedAt);
