using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public sealed class ReplyDeadlineTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WithinAsync_WorkDoneBeforeTheDeadline_TheReply()
    {
        var reply = await ReplyDeadline.WithinAsync(Task.FromResult(Reply.Info("t", "done")), ReplyDeadline.DeferAfter, time, CancellationToken.None);

        Assert.Equal("done", reply?.Text);
    }

    [Fact]
    public async Task WithinAsync_WorkStillRunningAtTheDeadline_NullAndTheWorkGoesOn()
    {
        var work = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = ReplyDeadline.WithinAsync(work.Task, ReplyDeadline.DeferAfter, time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        time.Advance(ReplyDeadline.DeferAfter);

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(work.Task.IsCompleted);
        work.SetResult(Reply.Info("t", "late"));
        Assert.Equal("late", (await work.Task).Text);
    }

    [Fact]
    public void DeferAfter_LeavesHalfThePlatformDeadlineForTheAcknowledgement() =>
        Assert.True(ReplyDeadline.DeferAfter * 2 <= ReplyDeadline.PlatformDeadline);
}
