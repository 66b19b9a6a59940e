namespace StudyBot.Core.Questions;

/// <summary>
/// Storage port for a server's own questions and its members' suggestions. Question ids are assigned here, from
/// <see cref="OwnQuestion.FirstId"/> upward per server, one above the highest ever given; questions are never deleted,
/// so an id is never given twice. Suggestion ids run from 1 per server. The LiteDB store and every test double pass
/// one contract suite (tests/StudyBot.Core.Contracts).
/// </summary>
public interface IServerQuestionStore
{
    /// <summary>Adds the drafts in order, all or none, with consecutive new ids; returns them as stored.</summary>
    Task<IReadOnlyList<OwnQuestion>> AddAsync(string serverId, IReadOnlyList<OwnQuestionDraft> drafts, string addedBy, DateTimeOffset addedAt, CancellationToken cancellationToken);

    Task<OwnQuestion?> GetAsync(string serverId, int id, CancellationToken cancellationToken);

    /// <summary>Every question of the server, retired ones included, by id.</summary>
    Task<IReadOnlyList<OwnQuestion>> ListAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Replaces a stored question (same server and id); false when there is none.</summary>
    Task<bool> UpdateAsync(OwnQuestion question, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new open suggestion with the next id, unless the member already has <paramref name="maxOpen"/> open
    /// ones: then nothing is stored and null is returned. The check and the insert are one step.
    /// </summary>
    Task<QuestionSuggestion?> SuggestAsync(string serverId, string memberId, string memberName, string text, DateTimeOffset createdAt, int maxOpen, CancellationToken cancellationToken);

    Task<QuestionSuggestion?> GetSuggestionAsync(string serverId, int id, CancellationToken cancellationToken);

    /// <summary>The server's suggestions (or one member's when <paramref name="memberId"/> is given), by id.</summary>
    Task<IReadOnlyList<QuestionSuggestion>> SuggestionsAsync(string serverId, string? memberId, CancellationToken cancellationToken);

    /// <summary>Closes an open suggestion as approved or rejected; false when it is not open (any more).</summary>
    Task<bool> ResolveSuggestionAsync(string serverId, int id, SuggestionStatus status, string? reason, int? questionId, CancellationToken cancellationToken);

    /// <summary>Deletes the member's suggestions and takes their name off questions they added; returns how many records changed.</summary>
    Task<int> ForgetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken);
}
