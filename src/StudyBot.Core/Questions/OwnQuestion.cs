using StudyBot.Core.Content;

namespace StudyBot.Core.Questions;

/// <summary>
/// A question a server's admins added. Its category is one of the guide's four, so the rotation keeps categories in
/// proportion and per-category views (/question category, progress) cover it. Ids start at <see cref="FirstId"/> per
/// server and are never reused: a question is retired, never deleted, so a past daily post still finds it.
/// </summary>
public sealed record OwnQuestion(
    string ServerId,
    int Id,
    string Text,
    QuestionCategory Category,
    IReadOnlyList<string> KeyPoints,
    IReadOnlyList<string> Pitfalls,
    bool Retired,
    string AddedBy,
    DateTimeOffset AddedAt)
{
    /// <summary>The first id of a server's own questions, far above the guide's 1–80 so the two never collide.</summary>
    public const int FirstId = 1001;

    /// <summary>As the rotation and every lookup see it; the topic is the question's own, so no two own questions share one.</summary>
    public InterviewQuestion ToInterviewQuestion() => new(Id, Category, Text, $"own-{Id}");
}

/// <summary>What an admin or an import gives for a new question; the store assigns the id.</summary>
public sealed record OwnQuestionDraft(string Text, QuestionCategory Category, IReadOnlyList<string> KeyPoints, IReadOnlyList<string> Pitfalls);

public enum SuggestionStatus
{
    Open,
    Approved,
    Rejected,
}

/// <summary>A member's suggested question, waiting in the admins' queue until approved (it becomes <see cref="QuestionId"/>) or rejected.</summary>
public sealed record QuestionSuggestion(
    string ServerId,
    int Id,
    string MemberId,
    string MemberName,
    string Text,
    SuggestionStatus Status,
    DateTimeOffset CreatedAt,
    string? Reason = null,
    int? QuestionId = null);

/// <summary>Which questions a server's daily rotation draws from; <see cref="Both"/> unless an admin chose otherwise.</summary>
public enum QuestionSource
{
    Both,
    Guide,
    Own,
}
