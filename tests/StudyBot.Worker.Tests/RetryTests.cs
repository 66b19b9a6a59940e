using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Daily;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

public sealed class RetryTests
{
    /// <summary>Fails the first <c>failures</c> sends as a transient error, then posts to the console.</summary>
    private sealed class FlakySender(IChatConsole console, int failures) : IDailyPostSender
    {
        private readonly ConsoleDailyPostSender inner = new(console);
        private int calls;

        public List<(int QuestionId, string Nonce)> Attempts { get; } = [];

        public Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
        {
            Attempts.Add((post.Question.Id, post.Slot.Nonce));
            return Interlocked.Increment(ref calls) <= failures
                ? Task.FromResult(new DailyPostResult(DailyPostOutcome.TransientFailure, null, "HTTP 503"))
                : inner.SendAsync(post, cancellationToken);
        }
    }

    [Fact]
    public async Task ScheduledPost_FailsOnce_RetriesAMinuteLaterWithTheSameClaim()
    {
        using var host = new TestHost(new DateTimeOffset(2026, 11, 24, 8, 59, 50, TimeSpan.Zero));
        using var console = new ScriptedChatConsole();
        var sender = new FlakySender(console, failures: 1);
        using var app = host.Build(console, services => services.AddSingleton<IDailyPostSender>(sender));
        await app.StartAsync();
        console.Send("/help");
        await console.WaitForOutputAsync("StudyBot commands");

        // Past 09:00 (the failed attempt), then a minute on (the retry); a second at a time, as a real clock moves.
        for (var i = 0; i < 120 && !console.Output.Contains("=== #daily", StringComparison.Ordinal); i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await console.WaitForOutputAsync("=== #daily");
        Assert.Equal(2, sender.Attempts.Count);
        Assert.Equal(sender.Attempts[0], sender.Attempts[1]);
        console.EndInput();
        await app.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
