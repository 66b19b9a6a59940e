using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Answers;
using StudyBot.Core.Daily;
using StudyBot.Core.Streaks;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Events;

/// <summary>
/// MESSAGE_CREATE in a daily question's thread counts as an answer when Discord:CountThreadReplies is on. The
/// thread of a message has the message's id, so the thread names its question. Without the privileged
/// MESSAGE_CONTENT intent the text is not visible, so a reply counts whatever its length; a ✅ confirms it.
/// </summary>
public sealed partial class ThreadReplyHandler(
    DailyQuestionService daily,
    AnswerFlow answers,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    ILogger<ThreadReplyHandler> logger) : IDiscordDispatchHandler
{
    public const string Confirmation = "✅";

    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var data = dispatch.Data;
        if (!options.Value.CountThreadReplies
            || DiscordInteraction.Snowflake(data, "guild_id") is not { } guildId
            || DiscordInteraction.Snowflake(data, "channel_id") is not { } channelId
            || DiscordInteraction.Snowflake(data, "id") is not { } messageId
            || !data.TryGetProperty("author", out var author)
            || DiscordInteraction.Snowflake(author, "id") is not { } userId
            || author.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True
            || data.TryGetProperty("webhook_id", out _))
        {
            return;
        }

        var thread = channelId.ToString(CultureInfo.InvariantCulture);
        var slot = (await daily.GetHistoryAsync(DiscordIds.Server(guildId), cancellationToken)).LastOrDefault(s => s.MessageId == thread && s.QuestionId is not null);
        if (slot is null)
        {
            return;
        }

        var nick = data.TryGetProperty("member", out var member) ? DiscordInteraction.Text(member, "nick") : null;
        var name = nick ?? DiscordInteraction.Text(author, "global_name") ?? DiscordInteraction.Text(author, "username") ?? $"Member {userId}";
        var context = new MemberContext(DiscordIds.Server(guildId), DiscordIds.Member(userId), name, IsAdmin: false, InteractionId: $"message:{messageId}");
        var result = await answers.CreditThreadReplyAsync(context, slot.QuestionId, cancellationToken);
        if (result.Status == CreditStatus.Credited)
        {
            var reaction = await api.AddReactionAsync(channelId, messageId, Confirmation, cancellationToken);
            if (!reaction.IsSuccess)
            {
                LogReactionFailed(reaction.StatusCode);
            }
        }
    }

    [LoggerMessage(EventId = 6400, Level = LogLevel.Warning, Message = "Could not confirm a thread answer with a reaction (HTTP {Status})")]
    private partial void LogReactionFailed(int status);
}
