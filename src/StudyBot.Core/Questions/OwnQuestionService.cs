using System.Globalization;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Notices;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Questions;

/// <summary>An import's outcome: the questions added and each refused row with its line and reason.</summary>
public sealed record ImportReport(IReadOnlyList<OwnQuestion> Added, IReadOnlyList<ImportRefusal> Refused, string? Problem);

/// <summary>
/// A server's own questions as admins manage them (add, import, approve a suggestion) and members suggest them. The
/// rules are <see cref="OwnQuestionRules"/>; a question whose text is already asked (the guide's or the server's) is refused.
/// </summary>
public sealed class OwnQuestionService(IServerQuestionStore store, GuideContent content, MemberNotices notices, TimeProvider time)
{
    /// <summary>How many suggestions a member may have waiting at once.</summary>
    public const int MaxOpenSuggestions = 3;

    // The guide's texts, normalised once (a benign race: two threads may both build the same dictionary).
    private Dictionary<string, int>? guideTexts;

    public IServerQuestionStore Store => store;

    /// <summary>Adds one question; the reply's problem when it breaks a rule or repeats one already asked.</summary>
    public async Task<(OwnQuestion? Added, string? Problem)> AddAsync(MemberContext admin, OwnQuestionDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (OwnQuestionRules.Check(draft) is { } problem)
        {
            return (null, problem);
        }

        var existing = await store.ListAsync(admin.ServerId, cancellationToken);
        if (existing.Count >= OwnQuestionRules.MaxQuestionsPerServer)
        {
            return (null, $"This server already has {OwnQuestionRules.MaxQuestionsPerServer} questions, the most it can hold.");
        }

        if (Duplicate(existing, draft.Text) is { } same)
        {
            return (null, same);
        }

        var added = await store.AddAsync(admin.ServerId, [draft], admin.MemberId, time.GetUtcNow(), cancellationToken);
        return (added[0], null);
    }

    /// <summary>Reads an import and adds every good row at once; refused rows are reported, never half added.</summary>
    public async Task<ImportReport> ImportAsync(MemberContext admin, string? data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var parsed = QuestionImport.Parse(data);
        if (parsed.Problem is not null)
        {
            return new ImportReport([], [], parsed.Problem);
        }

        var existing = await store.ListAsync(admin.ServerId, cancellationToken);
        var refused = new List<ImportRefusal>(parsed.Refused);
        var accepted = new List<ImportRow>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        // Every text already asked, normalised once: 200 rows against 2,000 questions are 200 look-ups, not 400,000
        // normalisations.
        var asked = new Dictionary<string, OwnQuestion>(existing.Count);
        foreach (var question in existing)
        {
            asked.TryAdd(Normalize(question.Text), question);
        }

        foreach (var row in parsed.Rows)
        {
            if (Duplicate(asked, Normalize(row.Draft.Text)) is { } same)
            {
                refused.Add(new ImportRefusal(row.Line, same));
            }
            else if (seen.TryGetValue(Normalize(row.Draft.Text), out var earlier))
            {
                refused.Add(new ImportRefusal(row.Line, $"The same text as line {earlier.ToString(CultureInfo.InvariantCulture)}."));
            }
            else
            {
                seen[Normalize(row.Draft.Text)] = row.Line;
                accepted.Add(row);
            }
        }

        if (existing.Count + accepted.Count > OwnQuestionRules.MaxQuestionsPerServer)
        {
            return new ImportReport([], [], $"This server has {existing.Count} questions; {accepted.Count} more would pass the most it can hold ({OwnQuestionRules.MaxQuestionsPerServer}).");
        }

        var added = accepted.Count == 0
            ? []
            : await store.AddAsync(admin.ServerId, [.. accepted.Select(r => r.Draft)], admin.MemberId, time.GetUtcNow(), cancellationToken);
        return new ImportReport(added, [.. refused.OrderBy(r => r.Line)], null);
    }

    /// <summary>Stores a member's suggestion unless they already have <see cref="MaxOpenSuggestions"/> waiting.</summary>
    public async Task<(QuestionSuggestion? Suggestion, string? Problem)> SuggestAsync(MemberContext member, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!OwnQuestionRules.TryText(text, out var trimmed, out var problem))
        {
            return (null, problem);
        }

        var suggestion = await store.SuggestAsync(member.ServerId, member.MemberId, member.DisplayName, trimmed, time.GetUtcNow(), MaxOpenSuggestions, cancellationToken);
        return suggestion is null
            ? (null, $"You already have {MaxOpenSuggestions} suggestions waiting for the admins; you can suggest another once they have looked at one.")
            : (suggestion, null);
    }

    /// <summary>Approves an open suggestion: it becomes a question, and its member is told with their next private reply.</summary>
    public async Task<(OwnQuestion? Added, string? Problem)> ApproveAsync(MemberContext admin, int suggestionId, QuestionCategory category, IReadOnlyList<string> keyPoints, IReadOnlyList<string> pitfalls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var suggestion = await store.GetSuggestionAsync(admin.ServerId, suggestionId, cancellationToken);
        if (OpenProblem(suggestion, suggestionId) is { } notOpen)
        {
            return (null, notOpen);
        }

        var (added, problem) = await AddAsync(admin, new OwnQuestionDraft(suggestion!.Text, category, keyPoints, pitfalls), cancellationToken);
        if (added is null)
        {
            return (null, problem);
        }

        if (!await store.ResolveSuggestionAsync(admin.ServerId, suggestionId, SuggestionStatus.Approved, null, added.Id, cancellationToken))
        {
            // Another admin settled it meanwhile: the question just added must not stay twice.
            await store.UpdateAsync(added with { Retired = true }, cancellationToken);
            return (null, $"Suggestion S{suggestionId} was settled by someone else meanwhile.");
        }

        await notices.LeaveAsync(admin.ServerId, suggestion.MemberId, $"Your suggested question \"{TextFormat.Echo(suggestion.Text, 80)}\" was approved: it is Q#{added.Id} now, in this server's daily rotation.", cancellationToken);
        return (added, null);
    }

    /// <summary>Rejects an open suggestion; its member is told why with their next private reply.</summary>
    public async Task<string?> RejectAsync(MemberContext admin, int suggestionId, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var suggestion = await store.GetSuggestionAsync(admin.ServerId, suggestionId, cancellationToken);
        if (OpenProblem(suggestion, suggestionId) is { } notOpen)
        {
            return notOpen;
        }

        if (!await store.ResolveSuggestionAsync(admin.ServerId, suggestionId, SuggestionStatus.Rejected, reason, null, cancellationToken))
        {
            return $"Suggestion S{suggestionId} was settled by someone else meanwhile.";
        }

        await notices.LeaveAsync(admin.ServerId, suggestion!.MemberId, $"Your suggested question \"{TextFormat.Echo(suggestion.Text, 80)}\" was not added: {reason}", cancellationToken);
        return null;
    }

    private static string? OpenProblem(QuestionSuggestion? suggestion, int id) => suggestion switch
    {
        null => $"There is no suggestion S{id}. See the queue with /questions action:suggestions.",
        { Status: SuggestionStatus.Approved } => $"Suggestion S{id} was already approved (Q#{suggestion.QuestionId}).",
        { Status: SuggestionStatus.Rejected } => $"Suggestion S{id} was already rejected.",
        _ => null,
    };

    /// <summary>Why <paramref name="text"/> repeats a question already asked here, or null when it does not.</summary>
    public string? Duplicate(IReadOnlyList<OwnQuestion> existing, string text)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var key = Normalize(text);
        var asked = new Dictionary<string, OwnQuestion>(1);
        if (existing.FirstOrDefault(q => Normalize(q.Text) == key) is { } same)
        {
            asked[key] = same;
        }

        return Duplicate(asked, key);
    }

    // Against the guide's texts, then the server's (normalised keys, the lowest id first).
    private string? Duplicate(Dictionary<string, OwnQuestion> asked, string key)
    {
        if (GuideTexts.TryGetValue(key, out var guideId))
        {
            return $"The guide already asks this (Q#{guideId}).";
        }

        return asked.TryGetValue(key, out var own)
            ? $"This server already has it (Q#{own.Id}{(own.Retired ? ", retired: restore it with /questions action:restore" : "")})."
            : null;
    }

    private Dictionary<string, int> GuideTexts => guideTexts ??= content.Questions
        .GroupBy(q => Normalize(q.Text))
        .ToDictionary(g => g.Key, g => g.First().Id);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
