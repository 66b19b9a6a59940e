using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;

namespace StudyBot.Worker.Scheduling;

/// <summary>
/// On start: a trigger for every configured server, then the catch-up Quartz cannot do (its in-memory store
/// does not replay times that passed while the process was down).
/// </summary>
public sealed partial class DailyScheduleStartup(
    IServerStore servers,
    IDailyScheduleRegistry registry,
    DailyQuestionService daily,
    ILogger<DailyScheduleStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var all = (await servers.GetAllAsync(cancellationToken)).Where(s => daily.Serves(s.ServerId)).ToList();
        foreach (var settings in all)
        {
            await registry.ApplyAsync(settings, cancellationToken);
        }

        var results = await daily.CatchUpAsync(cancellationToken);
        var posted = results.Count(r => r.Outcome == DailyRunOutcome.Posted);
        var missed = results.Count(r => r.Outcome == DailyRunOutcome.Missed);
        LogStarted(all.Count, posted, missed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Daily schedule started; servers: {Servers}, posted on catch-up: {Posted}, recorded as missed: {Missed}")]
    private partial void LogStarted(int servers, int posted, int missed);
}
