using StudyBot.Core.Questions;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryServerQuestionStore : IServerQuestionStore
{
    private readonly Lock gate = new();
    private readonly List<OwnQuestion> questions = [];
    private readonly List<QuestionSuggestion> suggestions = [];

    public Task<IReadOnlyList<OwnQuestion>> AddAsync(string serverId, IReadOnlyList<OwnQuestionDraft> drafts, string addedBy, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var next = questions.Where(q => q.ServerId == serverId).Select(q => q.Id + 1).DefaultIfEmpty(OwnQuestion.FirstId).Max();
            var added = drafts.Select((d, i) => new OwnQuestion(serverId, next + i, d.Text, d.Category, d.KeyPoints, d.Pitfalls, false, addedBy, addedAt)).ToList();
            questions.AddRange(added);
            return Task.FromResult<IReadOnlyList<OwnQuestion>>(added);
        }
    }

    public Task<OwnQuestion?> GetAsync(string serverId, int id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(questions.FirstOrDefault(q => q.ServerId == serverId && q.Id == id));
        }
    }

    public Task<IReadOnlyList<OwnQuestion>> ListAsync(string serverId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<OwnQuestion>>([.. questions.Where(q => q.ServerId == serverId).OrderBy(q => q.Id)]);
        }
    }

    public Task<bool> UpdateAsync(OwnQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        lock (gate)
        {
            var index = questions.FindIndex(q => q.ServerId == question.ServerId && q.Id == question.Id);
            if (index >= 0)
            {
                questions[index] = question;
            }

            return Task.FromResult(index >= 0);
        }
    }

    public Task<QuestionSuggestion?> SuggestAsync(string serverId, string memberId, string memberName, string text, DateTimeOffset createdAt, int maxOpen, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (suggestions.Count(s => s.ServerId == serverId && s.MemberId == memberId && s.Status == SuggestionStatus.Open) >= maxOpen)
            {
                return Task.FromResult<QuestionSuggestion?>(null);
            }

            var id = suggestions.Where(s => s.ServerId == serverId).Select(s => s.Id + 1).DefaultIfEmpty(1).Max();
            var suggestion = new QuestionSuggestion(serverId, id, memberId, memberName, text, SuggestionStatus.Open, createdAt);
            suggestions.Add(suggestion);
            return Task.FromResult<QuestionSuggestion?>(suggestion);
        }
    }

    public Task<QuestionSuggestion?> GetSuggestionAsync(string serverId, int id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(suggestions.FirstOrDefault(s => s.ServerId == serverId && s.Id == id));
        }
    }

    public Task<IReadOnlyList<QuestionSuggestion>> SuggestionsAsync(string serverId, string? memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<QuestionSuggestion>>(
                [.. suggestions.Where(s => s.ServerId == serverId && (memberId is null || s.MemberId == memberId)).OrderBy(s => s.Id)]);
        }
    }

    public Task<bool> ResolveSuggestionAsync(string serverId, int id, SuggestionStatus status, string? reason, int? questionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var index = suggestions.FindIndex(s => s.ServerId == serverId && s.Id == id && s.Status == SuggestionStatus.Open);
            if (index >= 0)
            {
                suggestions[index] = suggestions[index] with { Status = status, Reason = reason, QuestionId = questionId };
            }

            return Task.FromResult(index >= 0);
        }
    }

    public Task<int> ForgetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var changed = suggestions.RemoveAll(s => s.ServerId == serverId && s.MemberId == memberId);
            for (var i = 0; i < questions.Count; i++)
            {
                if (questions[i].ServerId == serverId && questions[i].AddedBy == memberId)
                {
                    questions[i] = questions[i] with { AddedBy = "" };
                    changed++;
                }
            }

            return Task.FromResult(changed);
        }
    }
}
