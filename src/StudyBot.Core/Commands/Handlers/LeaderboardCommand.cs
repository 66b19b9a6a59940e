using StudyBot.Core.Streaks;

namespace StudyBot.Core.Commands.Handlers;

public sealed class LeaderboardCommand(StreakService streaks) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("leaderboard", "The server's longest current streaks", []);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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
}
