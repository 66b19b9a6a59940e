namespace StudyBot.Core.Streaks;

public sealed class StreakOptions
{
    public const string Section = "Streaks";

    /// <summary>The shortest answer that counts, so a streak takes a real attempt, not a single character.</summary>
    public int MinAnswerLength { get; set; } = 20;

    /// <summary>The longest answer accepted; a platform whose form allows less caps its form (<see cref="Answers.AnswerForm.CappedAt"/>).</summary>
    public int MaxAnswerLength { get; set; } = 4000;
}
