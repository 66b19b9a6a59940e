namespace StudyBot.Core.Answers;

/// <summary>
/// The form the daily question's Answer action opens, as every platform shows it (a Discord modal, a Slack modal).
/// <see cref="FormId"/> comes back with the submission and says which question is answered.
/// </summary>
public sealed record AnswerForm(string FormId, int QuestionId, string Title, string InputLabel, string Placeholder, int MinLength, int MaxLength)
{
    /// <summary>The same form with its longest answer capped at what a platform's text input allows.</summary>
    public AnswerForm CappedAt(int platformMaxLength) => this with { MaxLength = Math.Min(MaxLength, platformMaxLength) };
}
