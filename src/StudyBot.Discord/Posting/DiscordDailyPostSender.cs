using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Posting;

/// <summary>
/// Posts the daily question: an embed with the Answer button, sent with the claim's nonce and enforce_nonce so a
/// retried request cannot duplicate it, only the configured role pinged; then its discussion thread.
/// </summary>
public sealed partial class DiscordDailyPostSender(DiscordApi api, ILogger<DiscordDailyPostSender> logger) : IDailyPostSender
{
    public string Platform => DiscordIds.Platform;

    public async Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!ulong.TryParse(post.Server.ChannelId, NumberStyles.None, CultureInfo.InvariantCulture, out var channelId))
        {
            return new DailyPostResult(DailyPostOutcome.ChannelUnavailable, null, $"'{post.Server.ChannelId}' is not a Discord channel");
        }

        var message = BuildMessage(post);
        var response = await api.CreateMessageAsync(channelId, message, cancellationToken);
        if (response.Failure is RestFailure.Forbidden or RestFailure.NotFound)
        {
            var detail = response.Failure == RestFailure.Forbidden ? "Discord answered 403: missing access or permissions" : "Discord answered 404: the channel no longer exists";
            return new DailyPostResult(DailyPostOutcome.ChannelUnavailable, null, detail);
        }

        if (!response.IsSuccess || DiscordApi.IdOf(response) is not { } messageId)
        {
            return new DailyPostResult(DailyPostOutcome.TransientFailure, null, $"HTTP {response.StatusCode} ({response.Failure})");
        }

        // The thread is a courtesy: a failure here leaves the question posted and is only logged.
        var thread = await api.StartThreadFromMessageAsync(channelId, messageId, DailyPostReply.ThreadName(post.Question, post.Slot.LocalDate), cancellationToken);
        if (!thread.IsSuccess)
        {
            LogThreadFailed(post.Server.ServerId, thread.StatusCode, thread.Failure);
        }

        return DailyPostResult.Sent(messageId.ToString(CultureInfo.InvariantCulture));
    }

    internal static JsonObject BuildMessage(DailyPost post)
    {
        var reply = DailyPostReply.Build(post.Question, post.Slot.LocalDate);
        var roles = new JsonArray();
        string? content = null;
        if (ulong.TryParse(post.Server.PingRoleId, NumberStyles.None, CultureInfo.InvariantCulture, out var roleId))
        {
            content = $"<@&{roleId}> today's question is up!";
            roles.Add(roleId.ToString(CultureInfo.InvariantCulture));
        }

        // Only the configured role may be pinged; nothing in the question text can mention anyone.
        var mentions = new JsonObject { ["parse"] = new JsonArray(), ["roles"] = roles };
        var message = DiscordMessageRenderer.Render(reply, content, mentions);
        message["nonce"] = NonceOf(post.Slot);
        message["enforce_nonce"] = true;
        return message;
    }

    /// <summary>Discord takes nonces of at most 25 characters; the slot's token is cut to that, the same on every retry.</summary>
    internal static string NonceOf(DailySlot slot) => slot.Nonce.Length <= DiscordLimits.Nonce ? slot.Nonce : slot.Nonce[..DiscordLimits.Nonce];

    [LoggerMessage(EventId = 6200, Level = LogLevel.Warning, Message = "Server {ServerId}: the daily question is posted but its thread could not be started (HTTP {Status}, {Failure})")]
    private partial void LogThreadFailed(string serverId, int status, RestFailure failure);
}
