using StudyBot.Core.Content;

namespace StudyBot.Core.Commands.Handlers;

public sealed class SkillsCommand(GuideContent content) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "skills",
        "The skills an ML engineer needs, and the core languages",
        [new CommandOption("area", "Which skills", OptionKind.Choice, Choices:
        [
            new OptionChoice(content.Skills.Software.Key, content.Skills.Software.Name, "software-engineering", "swe"),
            new OptionChoice(content.Skills.MachineLearning.Key, content.Skills.MachineLearning.Name, "machine-learning", "ml-specific"),
            new OptionChoice("languages", "Core languages", "language", "lang"),
        ])]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var skills = content.Skills;
        var area = request.Text("area");
        if (area == "languages")
        {
            var fields = content.Languages.Select(l => new ReplyField(l.Name, l.WhyItMatters)).ToArray();
            return Task.FromResult(Reply.Info("Core languages", "The languages an ML engineer works in, and why each matters.", fields));
        }

        if (area is not null)
        {
            var chosen = area == skills.Software.Key ? skills.Software : skills.MachineLearning;
            return Task.FromResult(Reply.Info(Heading(chosen), TextFormat.Bullets(chosen.Items)));
        }

        return Task.FromResult(Reply.Info(
            "Skills an ML engineer needs",
            "More software engineering than machine learning. For one area: /skills area:ml",
            new ReplyField(Heading(skills.Software), TextFormat.Bullets(skills.Software.Items)),
            new ReplyField(Heading(skills.MachineLearning), TextFormat.Bullets(skills.MachineLearning.Items)),
            new ReplyField("Core languages", string.Join(", ", content.Languages.Select(l => l.Name)))));
    }

    private static string Heading(SkillArea area) => $"{area.Name} ({area.SharePercent}% of the role)";
}
