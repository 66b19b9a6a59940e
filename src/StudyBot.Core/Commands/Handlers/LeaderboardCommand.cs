using StudyBot.Core.Streaks;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>The longest current streaks, or with <c>period:</c> the most active days in the last week, month or ever.</summary>
public sealed class LeaderboardCommand(StreakService streaks) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(
        "leaderboard",
        "The server's longest current streaks, or most active days in a period",
        [new CommandOption("period", "Rank by active days in this period instead", OptionKind.Choice, Choices:
        [
            new OptionChoice("week", "The last 7 days"),
            new OptionChoice("month", "The last 30 days"),
            new OptionChoice("all", "All time"),
        ])]);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Text("period") is { } period)
        {
            return await ActivityAsync(request.Member.ServerId, period, cancellationToken);
        }

        var entries = await streaks.GetLeaderboardAsync(request.Member.ServerId, cancellationToken);
        if (entries.Count == 0)
        {
            return Reply.Info("Leaderboard", "No streaks yet. Answer the daily question (/daily) to be the first!");
        }

        var lines = entries.Select(e =>
            $"{e.Rank}. {e.DisplayName}: {TextFormat.Plural(e.Current, "day", "days")} (best {e.Best}, {TextFormat.Plural(e.TotalDays, "active day", "active days")})");
        return Reply.Info(
            "Leaderboard",
            string.Join('\n', lines) + "\n\nRanked by current streak, then best streak, then active days; equal members share a rank.");
    }

    private async Task<Reply> ActivityAsync(string serverId, string period, CancellationToken cancellationToken)
    {
        var (value, label) = period switch
        {
            "week" => (BoardPeriod.Week, "the last 7 days"),
            "month" => (BoardPeriod.Month, "the last 30 days"),
            _ => (BoardPeriod.All, "all time"),
        };
        var entries = await streaks.GetActivityBoardAsync(serverId, value, cancellationToken);
        var title = $"Most active: {label}";
        if (entries.Count == 0)
        {
            return Reply.Info(title, $"Nobody has answered in {label} yet. Answer the daily question (/daily) to be the first!");
        }

        var lines = entries.Select(e => $"{e.Rank}. {e.DisplayName}: {TextFormat.Plural(e.ActiveDays, "active day", "active days")}");
        return Reply.Info(title, string.Join('\n', lines) + $"\n\nRanked by days answered in {label}; equal members share a rank. /leaderboard alone ranks current streaks.");
    }
}
