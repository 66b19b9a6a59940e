using System.Globalization;
using System.Text;
using StudyBot.Core.Questions;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>
/// Admin: adds many questions at once from a JSON or CSV file (<see cref="QuestionImport"/>): an attachment on
/// Discord, a pasted block in the console, the text after file: on Slack. Replies with what was added and each refused
/// row's line and reason.
/// </summary>
public sealed class ImportQuestionsCommand(OwnQuestionService questions) : ICommandHandler
{
    private const int RefusalsShown = 20;

    public CommandDefinition Definition { get; } = new(
        "import-questions",
        "Add many questions at once from a JSON or CSV file",
        [new CommandOption("file", "JSON or CSV: text, category, points, pitfalls", OptionKind.Attachment, Required: true)],
        AdminOnly: true,
        Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var report = await questions.ImportAsync(request.Member, request.Text("file"), cancellationToken);
        if (report.Problem is not null)
        {
            return Reply.Problem($"Nothing was imported. {report.Problem}");
        }

        var text = new StringBuilder();
        text.Append(report.Added.Count switch
        {
            0 => "No question was added.",
            1 => $"Added 1 question: Q#{report.Added[0].Id}.",
            _ => $"Added {report.Added.Count} questions: Q#{report.Added[0].Id}–Q#{report.Added[^1].Id}.",
        });
        if (report.Refused.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nRefused {TextFormat.Plural(report.Refused.Count, "row", "rows")}:");
            foreach (var refusal in report.Refused.Take(RefusalsShown))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n• line {refusal.Line}: {refusal.Reason}");
            }

            if (report.Refused.Count > RefusalsShown)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n…and {report.Refused.Count - RefusalsShown} more.");
            }
        }

        var title = report.Refused.Count == 0 ? "Questions imported" : report.Added.Count == 0 ? "Nothing imported" : "Questions imported, some refused";
        return new Reply(title, text.ToString(), [], [], ReplyVisibility.Private, report.Refused.Count == 0 ? ReplyTone.Success : ReplyTone.Problem);
    }
}
