namespace StudyBot.Core.Commands;

/// <summary>
/// Discord and Slack both give a command 3 seconds for its first answer. A handler that has not replied by
/// <see cref="DeferAfter"/> is acknowledged first (deferred) and its reply follows; the command's definition says
/// whether that acknowledgement is private (<see cref="CommandDefinition.Visibility"/>).
/// </summary>
public static class ReplyDeadline
{
    /// <summary>The platforms' deadline for the first answer to a command or an action.</summary>
    public static readonly TimeSpan PlatformDeadline = TimeSpan.FromSeconds(3);

    /// <summary>Well inside the deadline, leaving time for the acknowledgement's own round trip.</summary>
    public static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(1500);

    /// <summary>The reply if <paramref name="work"/> finishes within <paramref name="deferAfter"/> on <paramref name="time"/>'s clock; else null, and the work goes on.</summary>
    public static async Task<Reply?> WithinAsync(Task<Reply> work, TimeSpan deferAfter, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(work, Task.Delay(deferAfter, time, timer.Token)) == work;
        await timer.CancelAsync();
        return finished ? await work : null;
    }
}
