using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Reminders;

namespace StudyBot.Worker.Scheduling;

/// <summary>
/// Sends the due reminders: once at start (what fell due while the bot was down, if still the member's same local
/// day), then at the start of every minute on the injected clock. One run at a time; stopping waits for the run in
/// flight, before storage closes.
/// </summary>
public sealed partial class ReminderLoop(ReminderService reminders, TimeProvider time, ILogger<ReminderLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            var now = time.GetUtcNow();
            var nextMinute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
            try
            {
                await Task.Delay(nextMinute - now, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await reminders.RunDueAsync(stoppingToken);
            if (result.Due > 0)
            {
                LogRun(result.Due, result.Sent, result.Skipped, result.TurnedOff, result.Failed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the reminders not yet moved are still due and are taken at the next start.
        }
        catch (Exception ex)
        {
            // Storage trouble must not stop the bot; the same reminders are still due at the next run.
            LogRunFailed(ex);
        }
    }

    [LoggerMessage(EventId = 4310, Level = LogLevel.Information, Message = "Reminders due: {Due}; sent {Sent}, skipped {Skipped}, turned off {TurnedOff}, failed {Failed}")]
    private partial void LogRun(int due, int sent, int skipped, int turnedOff, int failed);

    [LoggerMessage(EventId = 4311, Level = LogLevel.Error, Message = "The reminder run failed; the due reminders are taken again at the next run")]
    private partial void LogRunFailed(Exception exception);
}
