using StudyBot.Core.Content;

namespace StudyBot.Core.Commands.Handlers;

public sealed class RoadmapCommand(GuideContent content) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "roadmap",
        "The learning roadmap to ML engineer, phase by phase",
        [new CommandOption("phase", "A phase number", OptionKind.WholeNumber, MinValue: 1, MaxValue: content.Roadmap.Phases.Count)]);

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roadmap = content.Roadmap;
        if (request.Number("phase") is { } number)
        {
            var phase = roadmap.Phases.Single(p => p.Number == number);
            var text = $"{phase.Duration} · phase {phase.Number} of {roadmap.Phases.Count}\n\n{TextFormat.Bullets(phase.Topics)}";
            return Task.FromResult(Reply.Info($"Phase {phase.Number}: {phase.Title}", text));
        }

        var fields = roadmap.Phases
            .Select(p => new ReplyField($"Phase {p.Number}: {p.Title} ({p.Duration})", string.Join(" · ", p.Topics)))
            .ToArray();
        return Task.FromResult(Reply.Info(
            $"Roadmap to ML engineer ({roadmap.TotalDuration})",
            $"{roadmap.Phases.Count} phases. For a phase's topics: /roadmap phase:2",
            fields));
    }
}
