using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Slack.Api;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Adapter;

/// <summary>
/// Posts the daily question to the workspace's configured channel with chat.postMessage and its Answer button; the
/// message's ts is the post's id and its thread is the discussion. A channel the bot cannot post to (not invited, gone,
/// archived) pauses the schedule with the reason; other failures keep the claim for a retry.
/// </summary>
public sealed partial class SlackDailyPostSender(SlackWebApi api, ILogger<SlackDailyPostSender> logger) : IDailyPostSender
{
    private static readonly Dictionary<string, string> ChannelProblems = new(StringComparer.Ordinal)
    {
        ["not_in_channel"] = "the bot is not in the channel: invite it with /invite",
        ["channel_not_found"] = "Slack does not know the channel, or the bot cannot see it",
        ["is_archived"] = "the channel is archived",
        ["restricted_action"] = "the workspace does not let the bot post there",
    };

    public string Platform => SlackIds.Platform;

    public async Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (SlackIds.TeamOf(post.Server.ServerId) is null)
        {
            return new DailyPostResult(DailyPostOutcome.ChannelUnavailable, null, $"'{post.Server.ServerId}' is not a Slack workspace");
        }

        var reply = DailyPostReply.Build(post.Question, post.Slot.LocalDate);
        var message = SlackDailyPost.Build(post.Question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Title, reply.Text, reply.Fields);
        var posted = await api.PostMessageAsync(post.Server.ChannelId, message, null, cancellationToken);
        if (posted.Ok)
        {
            return DailyPostResult.Sent(posted.Value!.Ts);
        }

        if (posted.Error is { } error && ChannelProblems.TryGetValue(error, out var problem))
        {
            return new DailyPostResult(DailyPostOutcome.ChannelUnavailable, null, $"Slack answered {error}: {problem}");
        }

        LogPostFailed(post.Server.ServerId, posted.Error ?? posted.Failure.ToString());
        return new DailyPostResult(DailyPostOutcome.TransientFailure, null, $"Slack: {posted.Error ?? posted.Failure.ToString()}");
    }

    [LoggerMessage(EventId = 8410, Level = LogLevel.Warning, Message = "Server {ServerId}: chat.postMessage failed ({Error}); the claim is kept for a retry")]
    private partial void LogPostFailed(string serverId, string error);
}
