using StudyBot.Core.Reminders;

namespace StudyBot.Worker.Chat;

/// <summary>Prints a reminder into the console chat, between replies, as the bot's private message to the local member.</summary>
public sealed class ConsoleReminderSender(IChatConsole console) : IReminderSender
{
    public string Platform => ConsoleChatOptions.Platform;

    public Task<ReminderResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        console.Write($"=== reminder (private) ===\n{ConsoleReplyRenderer.Render(message.Reply)}");
        return Task.FromResult(ReminderResult.Sent);
    }
}
