namespace StudyBot.Discord.Events;

/// <summary>What READY told us about this bot: its application id, needed for command registration and follow-ups.</summary>
public sealed class DiscordSession
{
    private long applicationId;

    public ulong? ApplicationId
    {
        get
        {
            var value = Interlocked.Read(ref applicationId);
            return value == 0 ? null : unchecked((ulong)value);
        }

        set => Interlocked.Exchange(ref applicationId, unchecked((long)(value ?? 0)));
    }
}
