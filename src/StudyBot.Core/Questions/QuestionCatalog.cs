using System.Runtime.CompilerServices;
using StudyBot.Core.Content;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Questions;

/// <summary>A question with what a strong answer covers: the guide's key points, or those an admin stored (null: none yet).</summary>
public sealed record StudyQuestion(InterviewQuestion Question, QuestionKeyPoints? KeyPoints);

/// <summary>
/// The one place a question is found by id: the guide's (ids below <see cref="OwnQuestion.FirstId"/>) or the server's
/// own, retired ones included, so a past daily post, /answer, /question and a thread reply always find theirs. Also
/// the pool the server's daily rotation draws from, as its admins chose (<see cref="QuestionSource"/>).
/// </summary>
public sealed class QuestionCatalog(GuideContent content, IServerQuestionStore own)
{
    // The store hands back the same list until the server's questions change, so each list is mapped once, not per post.
    private readonly ConditionalWeakTable<IReadOnlyList<OwnQuestion>, IReadOnlyList<InterviewQuestion>> activeOf = new();

    public GuideContent Guide => content;

    public static bool IsOwnId(int id) => id >= OwnQuestion.FirstId;

    public async Task<InterviewQuestion?> FindAsync(string serverId, int id, CancellationToken cancellationToken) =>
        IsOwnId(id)
            ? (await own.GetAsync(serverId, id, cancellationToken))?.ToInterviewQuestion()
            : content.FindQuestion(id);

    /// <summary>The question with its key points, the guide's or the server's own (retired ones too: a member may still review them).</summary>
    public async Task<StudyQuestion?> FindWithKeyPointsAsync(string serverId, int id, CancellationToken cancellationToken)
    {
        if (!IsOwnId(id))
        {
            return content.FindQuestion(id) is { } question ? new StudyQuestion(question, content.FindKeyPoints(id)) : null;
        }

        return await own.GetAsync(serverId, id, cancellationToken) is { } stored
            ? new StudyQuestion(stored.ToInterviewQuestion(), KeyPointsOf(stored))
            : null;
    }

    /// <summary>An own question's stored key points and pitfalls as the learning loop shows them; null when it has neither.</summary>
    public static QuestionKeyPoints? KeyPointsOf(OwnQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.KeyPoints.Count == 0 && question.Pitfalls.Count == 0
            ? null
            : new QuestionKeyPoints(question.Id, question.KeyPoints, question.Pitfalls);
    }

    /// <summary>Every own question of the server, retired ones included, by id.</summary>
    public Task<IReadOnlyList<OwnQuestion>> OwnQuestionsAsync(string serverId, CancellationToken cancellationToken) =>
        own.ListAsync(serverId, cancellationToken);

    /// <summary>
    /// The questions the server's rotation may post: the guide's, its own active ones, or both. A server that chose its
    /// own only but has none active gets the guide's, so a daily post never fails for want of a question.
    /// </summary>
    public async Task<IReadOnlyList<InterviewQuestion>> RotationPoolAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.QuestionSource == QuestionSource.Guide)
        {
            return content.Questions;
        }

        var active = await ActiveOwnAsync(settings.ServerId, cancellationToken);
        return settings.QuestionSource switch
        {
            QuestionSource.Own => active.Count > 0 ? active : content.Questions,
            _ => [.. content.Questions, .. active],
        };
    }

    /// <summary>The questions /question picks from at random: the guide's and the server's own active ones.</summary>
    public async Task<IReadOnlyList<InterviewQuestion>> PracticePoolAsync(string serverId, CancellationToken cancellationToken) =>
        [.. content.Questions, .. await ActiveOwnAsync(serverId, cancellationToken)];

    private async Task<IReadOnlyList<InterviewQuestion>> ActiveOwnAsync(string serverId, CancellationToken cancellationToken) =>
        activeOf.GetValue(
            await own.ListAsync(serverId, cancellationToken),
            all => [.. all.Where(q => !q.Retired).Select(q => q.ToInterviewQuestion())]);

    public static string SourceName(QuestionSource source) => source switch
    {
        QuestionSource.Guide => "guide",
        QuestionSource.Own => "own",
        _ => "both",
    };

    public static string Describe(QuestionSource source) => source switch
    {
        QuestionSource.Guide => "the guide's questions only",
        QuestionSource.Own => "the server's own questions only (the guide's while none is active)",
        _ => "the guide's and the server's own questions",
    };
}
