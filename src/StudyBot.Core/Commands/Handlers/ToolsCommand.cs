using StudyBot.Core.Content;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>The tools stack; a category is a guide section (essential, frameworks, mlops) or one group inside it.</summary>
public sealed class ToolsCommand(GuideContent content) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "tools",
        "The tools and technologies stack",
        [new CommandOption("category", "A section or a group, e.g. mlops or monitoring", OptionKind.Choice, Choices:
            [.. content.ToolCategories.Select(c => new OptionChoice(c.Key, c.Name)),
             .. content.ToolCategories.SelectMany(c => c.Groups).Select(g => new OptionChoice(g.Key, g.Name))],
            Autocomplete: true)]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Text("category");
        var category = content.ToolCategories.FirstOrDefault(c => c.Key == key);
        if (category is not null)
        {
            return Task.FromResult(Reply.Info(category.Name, "", [.. category.Groups.Select(Field)]));
        }

        var group = content.ToolCategories.SelectMany(c => c.Groups).FirstOrDefault(g => g.Key == key);
        if (group is not null)
        {
            return Task.FromResult(Reply.Info(group.Name, TextFormat.Bullets(group.Tools)));
        }

        var overview = content.ToolCategories
            .Select(c => new ReplyField(c.Name, string.Join('\n', c.Groups.Select(g => $"{g.Name}: {string.Join(", ", g.Tools)}"))))
            .ToArray();
        var keys = string.Join(", ", content.ToolCategories.Select(c => c.Key));
        return Task.FromResult(Reply.Info("Tools & technologies stack", $"For one section: /tools category:{content.ToolCategories[0].Key} (sections: {keys})", overview));
    }

    private static ReplyField Field(ToolGroup group) => new(group.Name, string.Join(", ", group.Tools));
}
