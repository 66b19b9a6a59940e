using StudyBot.Core.Content;

namespace StudyBot.Core.Commands.Handlers;

public sealed class CloudCommand(GuideContent content) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "cloud",
        "Cloud platforms for ML: key services and what each is best for",
        [new CommandOption("platform", "A cloud platform", OptionKind.Choice, Choices:
            [.. content.CloudPlatforms.Select(p => new OptionChoice(p.Key, p.Name, Aliases(p.Key)))])]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Text("platform");
        var chosen = content.CloudPlatforms.FirstOrDefault(p => p.Key == key);
        if (chosen is not null)
        {
            return Task.FromResult(Reply.Info(
                chosen.Name,
                $"Best for: {chosen.BestFor}",
                new ReplyField("Key services", TextFormat.Bullets(chosen.KeyServices))));
        }

        var fields = content.CloudPlatforms
            .Select(p => new ReplyField(p.Name, $"{string.Join(", ", p.KeyServices)}\nBest for: {p.BestFor}", Inline: true))
            .ToArray();
        return Task.FromResult(Reply.Info("Cloud platforms", "For one platform: /cloud platform:aws", fields));
    }

    private static string[] Aliases(string key) => key switch
    {
        "gcp" => ["google", "google-cloud", "googlecloud"],
        "azure" => ["microsoft"],
        "aws" => ["amazon"],
        _ => [],
    };
}
