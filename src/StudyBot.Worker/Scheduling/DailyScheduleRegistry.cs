using System.Globalization;
using Quartz;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Time;
using TimeZones = StudyBot.Core.Time.TimeZones;

namespace StudyBot.Worker.Scheduling;

/// <summary>
/// One durable job and one cron trigger per server, in the server's IANA zone so Quartz follows its DST changes.
/// A paused server keeps its job but loses its trigger.
/// </summary>
public sealed class DailyScheduleRegistry(ISchedulerFactory schedulerFactory, TimeProvider time) : IDailyScheduleRegistry
{
    public const string Group = "daily";

    public static JobKey JobKeyFor(string serverId) => new($"server-{serverId}", Group);

    public static TriggerKey TriggerKeyFor(string serverId) => new($"server-{serverId}", Group);

    public static string CronFor(TimeOnly time) => $"0 {time.Minute} {time.Hour} ? * *";

    public async Task ApplyAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var jobKey = JobKeyFor(settings.ServerId);
        var job = JobBuilder.Create<DailyQuestionJob>()
            .WithIdentity(jobKey)
            .UsingJobData(DailyQuestionJob.ServerIdKey, settings.ServerId)
            .StoreDurably()
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);

        if (settings.Paused)
        {
            await scheduler.UnscheduleJob(TriggerKeyFor(settings.ServerId), cancellationToken);
            return;
        }

        // Replacing in one call: the chat and the start-up may both apply a server at once.
        await scheduler.ScheduleJob(BuildTrigger(settings, time), ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>The server's cron trigger on the injected clock (without one, Quartz computes fire times from the wall clock).</summary>
    public static ITrigger BuildTrigger(ServerSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyFor(settings.ServerId))
            .ForJob(JobKeyFor(settings.ServerId))
            .WithSchedule(CronScheduleBuilder.Create(CronFor(settings.PostTime))
                .InTimeZone(TimeZones.FindOrUtc(settings.TimeZoneId))
                // The default policy, stated: a late fire still runs; never DoNothing, which silently drops a day.
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }
}
