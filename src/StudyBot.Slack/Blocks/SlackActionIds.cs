namespace StudyBot.Slack.Blocks;

/// <summary>
/// The action ids the bot puts on its buttons. A button's <c>value</c> always carries the Core action id (e.g.
/// "answer:42"); its <c>action_id</c> is the same unless two buttons in one block share it. Read the value.
/// </summary>
public static class SlackActionIds
{
    /// <summary>The Answer button; the same prefix as Core's DailyPostReply.AnswerActionPrefix.</summary>
    public const string AnswerPrefix = "answer:";

    public static string Answer(string questionId) => AnswerPrefix + questionId;

    /// <summary>The question id of an Answer button's value (or action_id); false for any other button.</summary>
    public static bool TryParseAnswer(string? action, out string questionId)
    {
        questionId = action is not null && action.StartsWith(AnswerPrefix, StringComparison.Ordinal) ? action[AnswerPrefix.Length..] : "";
        return questionId.Length > 0;
    }
}
