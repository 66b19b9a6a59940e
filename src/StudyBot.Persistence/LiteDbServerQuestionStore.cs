using System.Text.Json.Nodes;
using LiteDB;
using StudyBot.Core.Privacy;
using StudyBot.Core.Questions;

namespace StudyBot.Persistence;

/// <summary>
/// Servers' own questions and members' suggestions in one collection, keyed by server under "q:" and "s:" so a
/// server's are one prefix range in id order. A new id is one above the highest stored, read and written in one gate
/// item; questions are never deleted, so an id is never given twice.
/// </summary>
internal sealed class LiteDbServerQuestionStore(LiteDbGate gate) : IServerQuestionStore, IMemberDataPart
{
    public string Name => "suggestions";

    public Task<IReadOnlyList<OwnQuestion>> AddAsync(string serverId, IReadOnlyList<OwnQuestionDraft> drafts, string addedBy, DateTimeOffset addedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        return gate.RunAsync<IReadOnlyList<OwnQuestion>>(
            db =>
            {
                gate.Cache.Remove(GateCache.OwnQuestionsKey(serverId));
                var collection = Questions(db);
                var next = NextId(db, collection, serverId);
                var added = drafts.Select((d, i) => new OwnQuestion(serverId, next + i, d.Text, d.Category, d.KeyPoints, d.Pitfalls, false, addedBy, addedAt)).ToList();
                collection.InsertBulk(added.Select(OwnQuestionDocument.From));
                return added;
            },
            cancellationToken);
    }

    public Task<OwnQuestion?> GetAsync(string serverId, int id, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Questions(db).FindById(Keys.OwnQuestion(serverId, id))?.ToRecord(), cancellationToken);

    // Kept in the gate's cache: the daily rotation and /question would otherwise map up to 2,000 documents each time.
    public Task<IReadOnlyList<OwnQuestion>> ListAsync(string serverId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<OwnQuestion>>(
            db => gate.Cache.GetOrAdd<OwnQuestion[]>(
                GateCache.OwnQuestionsKey(serverId),
                () => [.. Questions(db).Find(BoundQueries.IdStartsWith(db, Keys.OwnQuestionsOf(serverId))).Select(d => d.ToRecord()).OrderBy(q => q.Id)],
                questions => questions.Length),
            cancellationToken);

    public Task<bool> UpdateAsync(OwnQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var document = OwnQuestionDocument.From(question);
        return gate.RunAsync(
            db =>
            {
                gate.Cache.Remove(GateCache.OwnQuestionsKey(question.ServerId));
                return Questions(db).FindById(document.Id) is not null && Questions(db).Update(document);
            },
            cancellationToken);
    }

    public Task<QuestionSuggestion?> SuggestAsync(string serverId, string memberId, string memberName, string text, DateTimeOffset createdAt, int maxOpen, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                var collection = Suggestions(db);
                var all = collection.Find(BoundQueries.IdStartsWith(db, Keys.SuggestionsOf(serverId))).ToList();
                if (all.Count(s => s.Member == memberId && s.Status == nameof(SuggestionStatus.Open)) >= maxOpen)
                {
                    return null;
                }

                var document = new SuggestionDocument
                {
                    Server = serverId,
                    Number = all.Select(s => s.Number + 1).DefaultIfEmpty(1).Max(),
                    Member = memberId,
                    MemberName = memberName,
                    Text = text,
                    Status = nameof(SuggestionStatus.Open),
                    CreatedAt = Keys.Instant(createdAt),
                };
                document.Id = Keys.Suggestion(serverId, document.Number);
                collection.Insert(document);
                return document.ToRecord();
            },
            cancellationToken);

    public Task<QuestionSuggestion?> GetSuggestionAsync(string serverId, int id, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Suggestions(db).FindById(Keys.Suggestion(serverId, id))?.ToRecord(), cancellationToken);

    public Task<IReadOnlyList<QuestionSuggestion>> SuggestionsAsync(string serverId, string? memberId, CancellationToken cancellationToken) =>
        gate.RunAsync<IReadOnlyList<QuestionSuggestion>>(
            db => [.. Suggestions(db).Find(BoundQueries.IdStartsWith(db, Keys.SuggestionsOf(serverId)))
                .Where(s => memberId is null || s.Member == memberId)
                .Select(s => s.ToRecord())
                .OrderBy(s => s.Id)],
            cancellationToken);

    public Task<bool> ResolveSuggestionAsync(string serverId, int id, SuggestionStatus status, string? reason, int? questionId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                var document = Suggestions(db).FindById(Keys.Suggestion(serverId, id));
                if (document is null || document.Status != nameof(SuggestionStatus.Open))
                {
                    return false;
                }

                document.Status = status.ToString();
                document.Reason = reason;
                document.QuestionId = questionId;
                return Suggestions(db).Update(document);
            },
            cancellationToken);

    public Task<int> ForgetMemberAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                var changed = 0;
                foreach (var suggestion in Suggestions(db).Find(BoundQueries.IdStartsWith(db, Keys.SuggestionsOf(serverId))).Where(s => s.Member == memberId).ToList())
                {
                    changed += Suggestions(db).Delete(suggestion.Id) ? 1 : 0;
                }

                gate.Cache.Remove(GateCache.OwnQuestionsKey(serverId));
                foreach (var question in Questions(db).Find(BoundQueries.IdStartsWith(db, Keys.OwnQuestionsOf(serverId))).Where(q => q.AddedBy == memberId).ToList())
                {
                    question.AddedBy = "";
                    Questions(db).Update(question);
                    changed++;
                }

                return changed;
            },
            cancellationToken);

    public async Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var suggestions = await SuggestionsAsync(serverId, memberId, cancellationToken);
        var added = (await ListAsync(serverId, cancellationToken)).Where(q => q.AddedBy == memberId).Select(q => q.Id).ToList();
        if (suggestions.Count == 0 && added.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["suggestions"] = new JsonArray([.. suggestions.Select(s => new JsonObject
            {
                ["id"] = s.Id,
                ["text"] = s.Text,
                ["status"] = s.Status.ToString().ToLowerInvariant(),
                ["reason"] = s.Reason,
                ["questionId"] = s.QuestionId,
                ["createdAt"] = Keys.Instant(s.CreatedAt),
            })]),
            ["questionsAdded"] = new JsonArray([.. added.Select(id => (JsonNode)id)]),
        };
    }

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        ForgetMemberAsync(serverId, memberId, cancellationToken);

    /// <summary>
    /// One above the highest id given. Ids run from <see cref="OwnQuestion.FirstId"/> without gaps (questions are never
    /// deleted), so counting the keys, which reads only the index, finds it; should that id be taken all the same, the
    /// documents are read.
    /// </summary>
    private static int NextId(LiteDatabase db, ILiteCollection<OwnQuestionDocument> collection, string serverId)
    {
        var next = OwnQuestion.FirstId + collection.Count(BoundQueries.IdStartsWith(db, Keys.OwnQuestionsOf(serverId)));
        return collection.FindById(Keys.OwnQuestion(serverId, next)) is null
            ? next
            : collection.Find(BoundQueries.IdStartsWith(db, Keys.OwnQuestionsOf(serverId))).Max(d => d.Number) + 1;
    }

    private static ILiteCollection<OwnQuestionDocument> Questions(LiteDatabase db) => db.GetCollection<OwnQuestionDocument>(Schema.ServerQuestions);

    private static ILiteCollection<SuggestionDocument> Suggestions(LiteDatabase db) => db.GetCollection<SuggestionDocument>(Schema.ServerQuestions);
}
