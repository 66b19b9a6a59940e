using System.Text;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;

namespace StudyBot.Worker.Chat;

/// <summary>Renders a Core reply as plain text for a terminal or a script reading stdout.</summary>
public static class ConsoleReplyRenderer
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        var marker = reply.Tone switch
        {
            ReplyTone.Problem => "! ",
            ReplyTone.Success => "✓ ",
            _ => "",
        };
        text.Append(marker).Append(reply.Title).Append('\n');
        text.Append(new string('-', Math.Min(60, reply.Title.Length + marker.Length))).Append('\n');
        if (!string.IsNullOrWhiteSpace(reply.Text))
        {
            text.Append(reply.Text.TrimEnd()).Append('\n');
        }

        foreach (var field in reply.Fields)
        {
            text.Append('\n').Append(field.Name).Append(":\n");
            foreach (var line in field.Value.Split('\n'))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        foreach (var button in reply.Buttons)
        {
            var hint = button.ActionId.StartsWith(DailyPostReply.AnswerActionPrefix, StringComparison.Ordinal)
                ? "answer here with /answer text:\"...\""
                : $"{ConsoleChatService.PressCommand} {button.ActionId}";
            text.Append("\n[").Append(button.Label).Append("] ").Append(hint).Append('\n');
        }

        return text.Append('\n').ToString();
    }
}
