using StudyBot.Core.Reminders;
using StudyBot.Slack.Api;
using StudyBot.Slack.Blocks;

namespace StudyBot.Slack.Adapter;

/// <summary>
/// A reminder as a DM from the bot: conversations.open for the member, then chat.postMessage there, through the Web
/// API's tier budgets. A member the bot cannot message (a bot, deactivated, gone, or DMs refused) is unreachable, so
/// their reminder is turned off; other failures are tried again later the same day.
/// </summary>
public sealed class SlackReminderSender(SlackWebApi api) : IReminderSender
{
    private static readonly HashSet<string> Unreachable = new(StringComparer.Ordinal)
    {
        "cannot_dm_bot",
        "user_disabled",
        "user_not_found",
        "user_not_visible",
        "messages_tab_disabled",
        "channel_not_found",
        "is_archived",
        "restricted_action",
    };

    public string Platform => SlackIds.Platform;

    public async Task<ReminderResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var opened = await api.OpenDirectMessageAsync(message.MemberId, cancellationToken);
        if (!opened.Ok)
        {
            return Failed(opened.Error, opened.Failure);
        }

        var posted = await api.PostMessageAsync(opened.Value!, BlockKitRenderer.Render(message.Reply), null, cancellationToken);
        return posted.Ok ? ReminderResult.Sent : Failed(posted.Error, posted.Failure);
    }

    private static ReminderResult Failed(string? error, SlackApiFailure failure) =>
        error is not null && Unreachable.Contains(error)
            ? new ReminderResult(ReminderOutcome.Unreachable, $"Slack answered {error}")
            : new ReminderResult(ReminderOutcome.TransientFailure, $"Slack: {error ?? failure.ToString()}");
}
