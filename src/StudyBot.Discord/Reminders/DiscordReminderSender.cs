using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using StudyBot.Core.Commands;
using StudyBot.Core.Reminders;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Reminders;

/// <summary>
/// A reminder as a direct message: the DM channel is opened over REST (and remembered), then the message is created in
/// it, both through the client's rate limiters. A member who does not take DMs from the bot (403, 50007) or no longer
/// exists (404) cannot be reached, so their reminder is turned off.
/// </summary>
public sealed class DiscordReminderSender(DiscordApi api) : IReminderSender
{
    /// <summary>Discord's "Cannot send messages to this user": the member's DMs are closed to the bot.</summary>
    public const int CannotMessageUser = 50007;

    private readonly ConcurrentDictionary<ulong, ulong> dmChannels = new();

    public string Platform => DiscordIds.Platform;

    public async Task<ReminderResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ulong.TryParse(message.MemberId, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return new ReminderResult(ReminderOutcome.Unreachable, $"'{message.MemberId}' is not a Discord user");
        }

        if (!dmChannels.TryGetValue(userId, out var channelId))
        {
            var opened = await api.OpenDmAsync(userId, cancellationToken);
            if (Classify(opened) is { } problem)
            {
                return problem;
            }

            if (DiscordApi.IdOf(opened) is not { } id)
            {
                return new ReminderResult(ReminderOutcome.TransientFailure, "the DM channel came back without an id");
            }

            dmChannels[userId] = channelId = id;
        }

        // A DM is private by nature (an ephemeral flag is for interaction replies only), and knows no server: its
        // buttons carry the server so the Answer press in the DM credits the right streak.
        var body = DiscordMessageRenderer.RenderDirect(message.Reply, message.ServerId);
        var sent = await api.CreateMessageAsync(channelId, body, cancellationToken);
        if (sent.Failure == RestFailure.NotFound)
        {
            dmChannels.TryRemove(userId, out _);
        }

        return Classify(sent) ?? ReminderResult.Sent;
    }

    private static ReminderResult? Classify(RestResponse response) => response.Failure switch
    {
        RestFailure.None => null,
        RestFailure.Forbidden when DiscordError.From(response.Body).Code == CannotMessageUser =>
            new ReminderResult(ReminderOutcome.Unreachable, "Discord answered 403 (50007): the member does not take direct messages from the bot"),
        RestFailure.Forbidden => new ReminderResult(ReminderOutcome.Unreachable, "Discord answered 403: the bot may not message this member"),
        RestFailure.NotFound => new ReminderResult(ReminderOutcome.Unreachable, "Discord answered 404: the member is gone"),
        _ => new ReminderResult(ReminderOutcome.TransientFailure, $"HTTP {response.StatusCode} ({response.Failure})"),
    };
}
