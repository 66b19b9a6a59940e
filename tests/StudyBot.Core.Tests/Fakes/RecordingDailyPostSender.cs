using StudyBot.Core.Daily;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>
/// Records every post it is asked to send, for the servers of <c>platform</c>. By default each send succeeds with a new message id; queue outcomes with
/// <see cref="FailNext"/> or <see cref="ThrowNext"/> to make the next sends fail.
/// </summary>
internal sealed class RecordingDailyPostSender(string platform) : IDailyPostSender
{
    private readonly Lock gate = new();
    private readonly Queue<Func<DailyPostResult>> script = new();
    private readonly List<DailyPost> attempts = [];
    private int messageCounter;

    public string Platform => platform;

    /// <summary>Every send attempt, including the ones that failed.</summary>
    public IReadOnlyList<DailyPost> Attempts
    {
        get
        {
            lock (gate)
            {
                return [.. attempts];
            }
        }
    }

    /// <summary>The posts that went out (the message exists in the channel).</summary>
    public List<DailyPost> Sent { get; } = [];

    public void FailNext(DailyPostOutcome outcome, string detail)
    {
        lock (gate)
        {
            script.Enqueue(() => new DailyPostResult(outcome, null, detail));
        }
    }

    public void ThrowNext(Exception exception)
    {
        lock (gate)
        {
            script.Enqueue(() => throw exception);
        }
    }

    public Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        lock (gate)
        {
            attempts.Add(post);
            if (script.TryDequeue(out var next))
            {
                return Task.FromResult(next());
            }

            Sent.Add(post);
            messageCounter++;
            return Task.FromResult(DailyPostResult.Sent($"message-{messageCounter}"));
        }
    }
}
