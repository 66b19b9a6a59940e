using System.Globalization;
using System.Text;
using StudyBot.Core.Content;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>
/// Admin: the server's own questions (add, edit, retire, restore, list), the members' suggestions (the queue, approve,
/// reject) and which questions the daily rotation draws from. Importing many at once is /import-questions.
/// </summary>
public sealed class QuestionsCommand(OwnQuestionService questions, IServerStore servers) : ICommandHandler
{
    private const int ListedAtMost = 25;

    // Which options each action takes; anything else given is refused, so a typo never silently does less.
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Actions = new(StringComparer.Ordinal)
    {
        ["add"] = (["text", "category"], ["points", "pitfalls"]),
        ["edit"] = (["id"], ["text", "category", "points", "pitfalls"]),
        ["retire"] = (["id"], []),
        ["restore"] = (["id"], []),
        ["list"] = ([], []),
        ["suggestions"] = ([], []),
        ["approve"] = (["id", "category"], ["points", "pitfalls"]),
        ["reject"] = (["id", "reason"], []),
        ["source"] = (["source"], []),
    };

    public CommandDefinition Definition { get; } = new(
        "questions",
        "The server's own questions and the members' suggestions",
        [
            new CommandOption("action", "What to do", OptionKind.Choice, Required: true, Choices:
            [
                new OptionChoice("add", "Add a question"),
                new OptionChoice("edit", "Edit a question"),
                new OptionChoice("retire", "Retire a question from the rotation"),
                new OptionChoice("restore", "Put a retired question back"),
                new OptionChoice("list", "List the server's questions"),
                new OptionChoice("suggestions", "The members' suggestions waiting"),
                new OptionChoice("approve", "Approve a suggestion"),
                new OptionChoice("reject", "Reject a suggestion"),
                new OptionChoice("source", "Which questions the daily rotation uses"),
            ]),
            new CommandOption("text", "The question", OptionKind.Text, MaxLength: OwnQuestionRules.MaxTextLength),
            new CommandOption("category", "Its category", OptionKind.Choice, Choices:
                [.. QuestionCategories.All.Select(c => new OptionChoice(QuestionCategories.Key(c), QuestionCategories.DisplayName(c)))]),
            new CommandOption("points", "3–6 key points, separated by |", OptionKind.Text, MaxLength: 1300),
            new CommandOption("pitfalls", "1–2 pitfalls, separated by |", OptionKind.Text, MaxLength: 500),
            new CommandOption("id", "A question id (from 1001), or a suggestion's number", OptionKind.WholeNumber, MinValue: 1),
            new CommandOption("reason", "Why a suggestion is rejected (the member is told)", OptionKind.Text, MinLength: 3, MaxLength: 300),
            new CommandOption("source", "Questions for the daily rotation", OptionKind.Choice, Choices:
            [
                new OptionChoice("both", "The guide's and the server's own"),
                new OptionChoice("guide", "The guide's only"),
                new OptionChoice("own", "The server's own only"),
            ]),
        ],
        AdminOnly: true,
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var action = request.Text("action")!;
        var (required, optional) = Actions[action];
        if (required.FirstOrDefault(o => !request.Has(o)) is { } missing)
        {
            return Reply.Problem($"/questions action:{action} needs {missing}. Usage: {Usage(action)}");
        }

        var extra = Definition.Options.Select(o => o.Name).FirstOrDefault(o => o != "action" && request.Has(o) && !required.Contains(o) && !optional.Contains(o));
        if (extra is not null)
        {
            return Reply.Problem($"/questions action:{action} takes no {extra}. Usage: {Usage(action)}");
        }

        return action switch
        {
            "add" => await AddAsync(request, cancellationToken),
            "edit" => await EditAsync(request, cancellationToken),
            "retire" => await SetRetiredAsync(request, retired: true, cancellationToken),
            "restore" => await SetRetiredAsync(request, retired: false, cancellationToken),
            "suggestions" => await SuggestionsAsync(request, cancellationToken),
            "approve" => await ApproveAsync(request, cancellationToken),
            "reject" => await RejectAsync(request, cancellationToken),
            "source" => await SourceAsync(request, cancellationToken),
            _ => await ListAsync(request, cancellationToken),
        };
    }

    private static string Usage(string action)
    {
        var (required, optional) = Actions[action];
        return $"/questions action:{action}" + string.Concat(required.Select(o => $" {o}:…")) + string.Concat(optional.Select(o => $" [{o}:…]"));
    }

    private async Task<Reply> AddAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (!TryDraftParts(request, out var keyPoints, out var pitfalls, out var problem))
        {
            return Reply.Problem(problem);
        }

        var category = CategoryOf(request);
        var draft = new OwnQuestionDraft(request.Text("text")!, category, keyPoints ?? [], pitfalls ?? []);
        var (added, refused) = await questions.AddAsync(request.Member, draft, cancellationToken);
        if (added is null)
        {
            return Reply.Problem(refused!);
        }

        var source = (await servers.GetAsync(request.Member.ServerId, cancellationToken))?.QuestionSource ?? QuestionSource.Both;
        var rotation = source == QuestionSource.Guide
            ? "The daily rotation uses the guide's questions only; change it with /questions action:source source:both."
            : "It joins the daily rotation.";
        return Reply.Success("Question added", $"Q#{added.Id} · {QuestionCategories.Key(added.Category)}: {TextFormat.Echo(added.Text, 80)} {rotation}");
    }

    private async Task<Reply> EditAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (question, missing) = await FindOwnAsync(request, cancellationToken);
        if (question is null)
        {
            return Reply.Problem(missing!);
        }

        if (!Actions["edit"].Optional.Any(request.Has))
        {
            return Reply.Problem($"Say what to change: {Usage("edit")} (points:none clears the key points).");
        }

        if (!TryDraftParts(request, out var keyPoints, out var pitfalls, out var problem))
        {
            return Reply.Problem(problem);
        }

        var text = question.Text;
        if (request.Text("text") is { } typed)
        {
            if (!OwnQuestionRules.TryText(typed, out text, out problem))
            {
                return Reply.Problem(problem);
            }

            var others = (await questions.Store.ListAsync(question.ServerId, cancellationToken)).Where(q => q.Id != question.Id).ToList();
            if (questions.Duplicate(others, text) is { } same)
            {
                return Reply.Problem(same);
            }
        }

        var category = QuestionCategories.TryParse(request.Text("category"), out var chosen) ? chosen : question.Category;
        var edited = question with { Text = text, Category = category, KeyPoints = keyPoints ?? question.KeyPoints, Pitfalls = pitfalls ?? question.Pitfalls };
        await questions.Store.UpdateAsync(edited, cancellationToken);
        return Reply.Success("Question edited", $"Q#{edited.Id} · {QuestionCategories.Key(edited.Category)}: {TextFormat.Echo(edited.Text, 80)}");
    }

    private async Task<Reply> SetRetiredAsync(CommandRequest request, bool retired, CancellationToken cancellationToken)
    {
        var (question, missing) = await FindOwnAsync(request, cancellationToken);
        if (question is null)
        {
            return Reply.Problem(missing!);
        }

        if (question.Retired == retired)
        {
            return Reply.Problem($"Q#{question.Id} is {(retired ? "already retired" : "not retired")}.");
        }

        await questions.Store.UpdateAsync(question with { Retired = retired }, cancellationToken);
        return retired
            ? Reply.Success("Question retired", $"Q#{question.Id} leaves the daily rotation. Past posts still show it; /questions action:restore id:{question.Id} brings it back.")
            : Reply.Success("Question restored", $"Q#{question.Id} is back in the daily rotation.");
    }

    private async Task<Reply> ListAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var all = await questions.Store.ListAsync(request.Member.ServerId, cancellationToken);
        var source = (await servers.GetAsync(request.Member.ServerId, cancellationToken))?.QuestionSource ?? QuestionSource.Both;
        var rotation = new ReplyField("Daily rotation", $"{QuestionCatalog.Describe(source)} (/questions action:source)");
        if (all.Count == 0)
        {
            return Reply.Personal("The server's questions", "None yet. Add one with /questions action:add text:\"…\" category:system-design, or many with /import-questions.", rotation);
        }

        var ordered = all.OrderBy(q => q.Retired).ThenBy(q => q.Id).ToList();
        var lines = new StringBuilder();
        foreach (var q in ordered.Take(ListedAtMost))
        {
            var points = q.KeyPoints.Count > 0 ? $" ({q.KeyPoints.Count} key points)" : "";
            lines.Append(CultureInfo.InvariantCulture, $"Q#{q.Id} · {QuestionCategories.Key(q.Category)}{(q.Retired ? " · retired" : "")}{points}: {TextFormat.Echo(q.Text, 70)}\n");
        }

        if (ordered.Count > ListedAtMost)
        {
            lines.Append(CultureInfo.InvariantCulture, $"…and {ordered.Count - ListedAtMost} more (see one with /question id:…).");
        }

        var active = all.Count(q => !q.Retired);
        return Reply.Personal(
            "The server's questions",
            lines.ToString().TrimEnd(),
            new ReplyField("Active", active.ToString(CultureInfo.InvariantCulture), Inline: true),
            new ReplyField("Retired", (all.Count - active).ToString(CultureInfo.InvariantCulture), Inline: true),
            rotation);
    }

    private async Task<Reply> SuggestionsAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var open = (await questions.Store.SuggestionsAsync(request.Member.ServerId, null, cancellationToken)).Where(s => s.Status == SuggestionStatus.Open).ToList();
        if (open.Count == 0)
        {
            return Reply.Personal("Suggestions", "No suggestions are waiting. Members suggest questions with /suggest text:\"…\".");
        }

        var lines = string.Join('\n', open.Take(ListedAtMost).Select(s => $"S{s.Id} · {TextFormat.Echo(s.MemberName, 32)}: {TextFormat.Echo(s.Text, 120)}"));
        var more = open.Count > ListedAtMost ? $"\n…and {open.Count - ListedAtMost} more." : "";
        return Reply.Personal(
            $"Suggestions waiting ({open.Count})",
            lines + more,
            new ReplyField("Decide", "/questions action:approve id:<n> category:… [points:\"a | b | c\"] or /questions action:reject id:<n> reason:\"…\""));
    }

    private async Task<Reply> ApproveAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (!TryDraftParts(request, out var keyPoints, out var pitfalls, out var problem))
        {
            return Reply.Problem(problem);
        }

        var category = CategoryOf(request);
        var (added, refused) = await questions.ApproveAsync(request.Member, request.Number("id")!.Value, category, keyPoints ?? [], pitfalls ?? [], cancellationToken);
        return added is null
            ? Reply.Problem(refused!)
            : Reply.Success("Suggestion approved", $"It is Q#{added.Id} now. Its author is told the next time they use the bot.");
    }

    private async Task<Reply> RejectAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var id = request.Number("id")!.Value;
        var problem = await questions.RejectAsync(request.Member, id, request.Text("reason")!, cancellationToken);
        return problem is null
            ? Reply.Success("Suggestion rejected", $"S{id} is closed. Its author is told why the next time they use the bot.")
            : Reply.Problem(problem);
    }

    private async Task<Reply> SourceAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var settings = await servers.GetAsync(request.Member.ServerId, cancellationToken);
        if (settings is null)
        {
            return Reply.Problem("There is no schedule yet. Set one up first: /setup channel:#daily time:09:00 timezone:Europe/Berlin");
        }

        var source = request.Text("source") switch
        {
            "guide" => QuestionSource.Guide,
            "own" => QuestionSource.Own,
            _ => QuestionSource.Both,
        };
        await servers.SaveAsync(settings with { QuestionSource = source }, cancellationToken);
        var active = (await questions.Store.ListAsync(settings.ServerId, cancellationToken)).Count(q => !q.Retired);
        var warning = source == QuestionSource.Own && active == 0 ? " The server has no active questions yet, so the guide's are used until it does." : "";
        return Reply.Success("Daily rotation set", $"The daily question comes from {QuestionCatalog.Describe(source)}.{warning}");
    }

    private async Task<(OwnQuestion? Question, string? Problem)> FindOwnAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var id = request.Number("id")!.Value;
        if (!QuestionCatalog.IsOwnId(id))
        {
            return (null, $"Q#{id} is the guide's; only the server's own questions (from {OwnQuestion.FirstId}) can be changed.");
        }

        var question = await questions.Store.GetAsync(request.Member.ServerId, id, cancellationToken);
        return question is null
            ? (null, $"This server has no question {id}. See them with /questions action:list.")
            : (question, null);
    }

    // Key points and pitfalls as typed: null when not given, empty for "none", else checked against the rules.
    private static bool TryDraftParts(CommandRequest request, out IReadOnlyList<string>? keyPoints, out IReadOnlyList<string>? pitfalls, out string problem)
    {
        keyPoints = null;
        pitfalls = null;
        problem = "";
        if (request.Text("points") is { } typedPoints)
        {
            if (IsNone(typedPoints))
            {
                keyPoints = [];
            }
            else if (!OwnQuestionRules.TryKeyPoints(typedPoints, out var parsed, out problem))
            {
                return false;
            }
            else
            {
                keyPoints = parsed;
            }
        }

        if (request.Text("pitfalls") is { } typedPitfalls)
        {
            if (IsNone(typedPitfalls))
            {
                pitfalls = [];
            }
            else if (!OwnQuestionRules.TryPitfalls(typedPitfalls, out var parsed, out problem))
            {
                return false;
            }
            else
            {
                pitfalls = parsed;
            }
        }

        return true;
    }

    // The option is a choice of the four keys, checked by the dispatcher before the handler runs.
    private static QuestionCategory CategoryOf(CommandRequest request) =>
        QuestionCategories.TryParse(request.Text("category"), out var category) ? category : QuestionCategory.SystemDesign;

    private static bool IsNone(string typed) => typed.Trim() is "none" or "-" or "";
}
