using StudyBot.Core.Content;

namespace StudyBot.Core.Commands.Handlers;

public sealed class SalaryCommand(GuideContent content) : ICommandHandler
{
    private const string Source = "Yearly ranges from the guide; they vary by company and city.";

    public CommandDefinition Definition { get; } = new(
        "salary",
        "Salary expectations by level and region",
        [
            new CommandOption("level", "Experience level", OptionKind.Choice, Choices:
                [.. content.Salary.Levels.Select(l => new OptionChoice(l.Key, l.Name))]),
            new CommandOption("region", "Region", OptionKind.Choice, Choices:
                [.. content.Salary.Regions.Select(r => new OptionChoice(r.Key, r.Name, RegionAliases(r.Key)))]),
        ]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var salary = content.Salary;
        var level = salary.Levels.FirstOrDefault(l => l.Key == request.Text("level"));
        var region = salary.Regions.FirstOrDefault(r => r.Key == request.Text("region"));
        var levels = level is null ? salary.Levels : [level];
        var regions = region is null ? salary.Regions : [region];

        if (level is not null && region is not null)
        {
            return Task.FromResult(Reply.Info(
                $"{level.Name} ML engineer in {region.Name}",
                $"{level.Ranges[region.Key]} a year ({level.Experience}).\n{Source}"));
        }

        var fields = levels
            .Select(l => new ReplyField(
                $"{l.Name} ({l.Experience})",
                string.Join('\n', regions.Select(r => $"{r.Name} ({r.Currency}): {l.Ranges[r.Key]}")),
                Inline: true))
            .ToArray();
        var title = region is not null ? $"ML engineer salaries in {region.Name}" : "ML engineer salaries";
        return Task.FromResult(Reply.Info(title, $"{Source} Narrow it: /salary level:senior region:usa", fields));
    }

    private static string[] RegionAliases(string key) => key switch
    {
        "usa" => ["us", "united-states", "america"],
        "europe" => ["eu"],
        "india" => ["in"],
        _ => [],
    };
}
