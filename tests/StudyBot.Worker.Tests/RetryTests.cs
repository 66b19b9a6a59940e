using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;
using StudyBot.Core.Daily;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

public sealed class RetryTests
{
    /// <summary>Fails the first <c>failures</c> sends as a transient error, then posts to the console; it replaces the console's sender.</summary>
    private sealed class FlakySender(IChatConsole console, int failures) : IDailyPostSender
    {
        private readonly ConsoleDailyPostSender inner = new(console);
        private int calls;

        public string Platform => ConsoleChatOptions.Platform;

        public List<(int QuestionId, string Nonce)> Attempts { get; } = [];

        public Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
        {
            Attempts.Add((post.Question.Id, post.Slot.Nonce));
            return Interlocked.Increment(ref calls) <= failures
                ? Task.FromResult(new DailyPostResult(DailyPostOutcome.TransientFailure, null, "HTTP 503"))
                : inner.SendAsync(post, cancellationToken);
        }
    }

    /// <summary>Hears each finished job run (the job's own retry scheduling included) and wakes whoever waits for them.</summary>
    private sealed class JobRuns : IJobListener
    {
        private readonly Channel<JobKey> finished = Channel.CreateUnbounded<JobKey>();

        public string Name => nameof(JobRuns);

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            finished.Writer.TryWrite(context.JobDetail.Key);
            return ValueTask.CompletedTask;
        }

        public async Task WaitForRunsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            for (var i = 0; i < count; i++)
            {
                await finished.Reader.ReadAsync(timeout.Token);
            }
        }
    }

    [Fact]
    public async Task ScheduledPost_FailsOnce_RetriesAMinuteLaterWithTheSameClaim()
    {
        using var host = new TestHost(new DateTimeOffset(2026, 11, 24, 8, 59, 50, TimeSpan.Zero));
        using var console = new ScriptedChatConsole();
        var sender = new FlakySender(console, failures: 1);
        using var app = host.Build(console, services => services.RemoveAll<IDailyPostSender>().AddSingleton<IDailyPostSender>(sender));
        await app.StartAsync();
        console.Send("/help");
        await console.WaitForOutputAsync("StudyBot commands");
        var runs = new JobRuns();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(runs, [Matchers.AllJobs()]);

        // Quartz waits on the injected clock: 09:00 runs the first attempt, which fails and schedules the retry.
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await runs.WaitForRunsAsync(1);
        Assert.Single(sender.Attempts);
        Assert.DoesNotContain("=== #daily", console.Output, StringComparison.Ordinal);

        // A minute on, the retry sends with the same claim.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await console.WaitForOutputAsync("=== #daily");
        Assert.Equal(2, sender.Attempts.Count);
        Assert.Equal(sender.Attempts[0], sender.Attempts[1]);
        console.EndInput();
        await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
