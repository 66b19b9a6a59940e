using StudyBot.Core.Content;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Daily;

/// <summary>What an adapter posts: the question of a claimed slot, into the server's channel.</summary>
public sealed record DailyPost(ServerSettings Server, DailySlot Slot, InterviewQuestion Question);

public enum DailyPostOutcome
{
    Sent,

    /// <summary>The channel is gone or the bot may not post there (403/404): retrying will not help.</summary>
    ChannelUnavailable,

    /// <summary>A failure that may pass (timeouts, 5xx): the claim stays and a retry reuses it.</summary>
    TransientFailure,
}

public sealed record DailyPostResult(DailyPostOutcome Outcome, string? MessageId, string? Detail)
{
    public static DailyPostResult Sent(string messageId) => new(DailyPostOutcome.Sent, messageId, null);
}

/// <summary>Port for posting the daily question; each platform adapter implements it for the servers of its platform.</summary>
public interface IDailyPostSender
{
    /// <summary>The platform whose servers this sender posts to: the scope of their ids (<see cref="Servers.ServerIds"/>).</summary>
    string Platform { get; }

    Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken);
}
