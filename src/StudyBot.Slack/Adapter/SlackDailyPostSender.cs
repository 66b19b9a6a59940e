using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Slack.Api;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Adapter;

/// <summary>
/// Posts the daily question to the workspace's configured channel with chat.postMessage and its Answer button; the
/// message's ts is the post's id and its thread is the discussion. Slack has no nonce, so the post carries its slot's
/// token in its metadata, and a send first looks for that token among the channel's messages since the claim: a retry
/// after a post whose answer was lost finds it and posts nothing. A channel the bot cannot post to (not invited, gone,
/// archived) pauses the schedule with the reason; other failures keep the claim for a retry.
/// </summary>
public sealed partial class SlackDailyPostSender(SlackWebApi api, TimeProvider time, ILogger<SlackDailyPostSender> logger) : IDailyPostSender
{
    // A slot claimed by this process and not yet tried here cannot have been posted: its first send skips the history
    // read (conversations.history is Tier 3, 50 a minute, and would cap the daily fan-out). A claim from before this
    // process started, or a retry, reads history first. One process owns the data file (the gate locks it).
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly ConcurrentDictionary<string, byte> _tried = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ChannelProblems = new(StringComparer.Ordinal)
    {
        ["not_in_channel"] = "the bot is not in the channel: invite it with /invite",
        ["channel_not_found"] = "Slack does not know the channel, or the bot cannot see it",
        ["is_archived"] = "the channel is archived",
        ["restricted_action"] = "the workspace does not let the bot post there",
    };

    public const string MetadataEventType = "studybot_daily_question";

    /// <summary>How far back before its claim a slot's post is looked for, and how many messages are read for it.</summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromMinutes(1);
    private const int HistoryLimit = 100;

    public string Platform => SlackIds.Platform;

    public async Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (SlackIds.TeamOf(post.Server.ServerId) is null)
        {
            return new DailyPostResult(DailyPostOutcome.ChannelUnavailable, null, $"'{post.Server.ServerId}' is not a Slack workspace");
        }

        var firstTry = _tried.TryAdd(post.Slot.Nonce, 0) && post.Slot.ClaimedAt >= _startedAt;
        if (!firstTry && await FindEarlierPostAsync(post, cancellationToken) is { } earlier)
        {
            return DailyPostResult.Sent(earlier);
        }

        var reply = DailyPostReply.Build(post.Question, post.Slot.LocalDate);
        var message = SlackDailyPost.Build(post.Question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Title, reply.Text, reply.Fields);
        var metadata = new JsonObject
        {
            ["event_type"] = MetadataEventType,
            ["event_payload"] = new JsonObject { ["slot"] = post.Slot.Nonce, ["date"] = post.Slot.LocalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        };
        var posted = await api.PostMessageAsync(post.Server.ChannelId, message, null, cancellationToken, metadata);
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

    /// <summary>The ts of this slot's post if an earlier attempt made it; null when it did not, or when history cannot be read.</summary>
    private async Task<string?> FindEarlierPostAsync(DailyPost post, CancellationToken cancellationToken)
    {
        var history = await api.HistoryAsync(post.Server.ChannelId, post.Slot.ClaimedAt - LookBack, HistoryLimit, cancellationToken);
        if (!history.Ok)
        {
            // Reading history needs channels:history; without it a retry may post again, as before this check.
            LogHistoryUnavailable(post.Server.ServerId, history.Error ?? history.Failure.ToString());
            return null;
        }

        foreach (var (ts, metadata) in history.Value!)
        {
            if (metadata?["event_type"]?.GetValue<string>() == MetadataEventType
                && metadata["event_payload"]?["slot"]?.GetValue<string>() == post.Slot.Nonce)
            {
                LogFoundEarlierPost(post.Server.ServerId, ts);
                return ts;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 8411, Level = LogLevel.Information, Message = "Server {ServerId}: the daily question was already posted ({Ts}); nothing posted again")]
    private partial void LogFoundEarlierPost(string serverId, string ts);

    [LoggerMessage(EventId = 8412, Level = LogLevel.Warning, Message = "Server {ServerId}: conversations.history failed ({Error}); posting without the duplicate check")]
    private partial void LogHistoryUnavailable(string serverId, string error);

    [LoggerMessage(EventId = 8410, Level = LogLevel.Warning, Message = "Server {ServerId}: chat.postMessage failed ({Error}); the claim is kept for a retry")]
    private partial void LogPostFailed(string serverId, string error);
}
