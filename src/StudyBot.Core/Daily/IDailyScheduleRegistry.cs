using StudyBot.Core.Servers;

namespace StudyBot.Core.Daily;

/// <summary>Port to the scheduler that fires each server's daily run; told whenever a server's setup changes.</summary>
public interface IDailyScheduleRegistry
{
    Task ApplyAsync(ServerSettings settings, CancellationToken cancellationToken);
}
