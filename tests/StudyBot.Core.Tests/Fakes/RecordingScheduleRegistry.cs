using StudyBot.Core.Daily;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>Remembers the last settings the scheduler was told about, per server.</summary>
internal sealed class RecordingScheduleRegistry : IDailyScheduleRegistry
{
    public Dictionary<string, ServerSettings> Applied { get; } = [];

    public Task ApplyAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Applied[settings.ServerId] = settings;
        return Task.CompletedTask;
    }
}
