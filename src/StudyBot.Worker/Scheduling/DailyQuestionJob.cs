using Microsoft.Extensions.Logging;
using Quartz;
using StudyBot.Core.Daily;
using StudyBot.Core.Milestones;

namespace StudyBot.Worker.Scheduling;

/// <summary>
/// Fires at a server's local post time. It only runs the Core claim-and-send; a failed send is retried a few
/// times by one-off triggers that carry the original fire time, so the retry reuses that day's claim.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DailyQuestionJob(DailyQuestionService daily, MilestoneService milestones, TimeProvider time, ILogger<DailyQuestionJob> logger) : IJob
{
    public const string ServerIdKey = "serverId";
    public const string AttemptKey = "attempt";
    public const string ScheduledForKey = "scheduledForUtcTicks";

    internal static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var serverId = data.GetString(ServerIdKey)!;
        var attempt = data.ContainsKey(AttemptKey) ? data.GetInt(AttemptKey) : 0;
        var scheduledFor = data.ContainsKey(ScheduledForKey)
            ? new DateTimeOffset(data.GetLong(ScheduledForKey), TimeSpan.Zero)
            : context.ScheduledFireTimeUtc ?? time.GetUtcNow();

        var result = await daily.RunScheduledAsync(serverId, scheduledFor, cancellationToken);
        if (result.Outcome == DailyRunOutcome.Posted)
        {
            await SweepMilestonesAsync(serverId, cancellationToken);
        }

        if (result.Outcome != DailyRunOutcome.Failed)
        {
            return;
        }

        if (attempt >= RetryDelays.Length)
        {
            LogGaveUp(serverId, attempt + 1);
            return;
        }

        var retryAt = time.GetUtcNow() + RetryDelays[attempt];
        var retry = TriggerBuilder.Create(time)
            .ForJob(context.JobDetail.Key)
            .WithIdentity($"{context.JobDetail.Key.Name}-retry-{scheduledFor.UtcTicks}-{attempt + 1}", DailyScheduleRegistry.Group)
            .UsingJobData(AttemptKey, attempt + 1)
            .UsingJobData(ScheduledForKey, scheduledFor.UtcTicks)
            .StartAt(retryAt)
            .Build();
        await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), cancellationToken);
        LogRetryScheduled(serverId, attempt + 1, retryAt);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Daily post of server {ServerId} will be retried (attempt {Attempt}) at {RetryAt:yyyy-MM-ddTHH:mm:ssK}")]
    private partial void LogRetryScheduled(string serverId, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Daily post of server {ServerId} failed {Attempts} times; giving up until the next run or restart")]
    private partial void LogGaveUp(string serverId, int attempts);

    // A member whose streak broke loses its milestone roles even if they never come back; a failure here is logged and
    // never touches the post, which is already out.
    private async Task SweepMilestonesAsync(string serverId, CancellationToken cancellationToken)
    {
        try
        {
            await milestones.SweepAsync(serverId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(ex, serverId);
        }
    }

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Taking broken streaks' milestone roles in server {ServerId} failed; the next daily post tries again")]
    private partial void LogSweepFailed(Exception exception, string serverId);
}
