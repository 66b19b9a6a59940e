using StudyBot.Core.Daily;

namespace StudyBot.Worker.Chat;

/// <summary>Posts the daily question into the console chat: printed between replies, never inside one.</summary>
public sealed class ConsoleDailyPostSender(IChatConsole console) : IDailyPostSender
{
    public string Platform => ConsoleChatOptions.Platform;

    public Task<DailyPostResult> SendAsync(DailyPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var reply = DailyPostReply.Build(post.Question, post.Slot.LocalDate);
        var ping = post.Server.PingRoleId is null ? "" : $"@{post.Server.PingRoleId} ";
        var thread = DailyPostReply.ThreadName(post.Question, post.Slot.LocalDate);
        console.Write($"=== #{post.Server.ChannelId} {ping}(thread: {thread}) ===\n{ConsoleReplyRenderer.Render(reply)}");
        return Task.FromResult(DailyPostResult.Sent($"console-{post.Slot.LocalDate:yyyyMMdd}"));
    }
}
