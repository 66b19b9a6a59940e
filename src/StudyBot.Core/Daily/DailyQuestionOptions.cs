namespace StudyBot.Core.Daily;

public sealed class DailyQuestionOptions
{
    public const string Section = "Schedule";

    /// <summary>After downtime, a post whose time passed less than this long ago is still made; later, the day is missed.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(6);
}
