using StudyBot.Slack.Api;

namespace StudyBot.Slack.Adapter;

/// <summary>Who the bot is in its workspace (from auth.test at start), so its own messages are never taken as answers.</summary>
public sealed class SlackSession
{
    private SlackIdentity? _identity;

    public SlackIdentity? Identity
    {
        get => Volatile.Read(ref _identity);
        set => Volatile.Write(ref _identity, value);
    }
}
