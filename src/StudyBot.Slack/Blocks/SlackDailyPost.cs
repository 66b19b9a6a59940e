using System.Text.Json.Nodes;
using StudyBot.Core.Commands;

namespace StudyBot.Slack.Blocks;

/// <summary>
/// The daily question as a Slack message: a header, the question, its details (id, category…) in one context line,
/// and the Answer button whose action_id and value are "answer:{questionId}". Nothing in it mentions anyone.
/// </summary>
public static class SlackDailyPost
{
    public const string DefaultButtonLabel = "Answer";

    public static SlackMessage Build(string questionId, string title, string questionText, IReadOnlyList<ReplyField> details, string buttonLabel = DefaultButtonLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(questionId);
        ArgumentNullException.ThrowIfNull(details);
        var action = SlackActionIds.Answer(questionId);
        if (action.Length > SlackLimits.ActionId)
        {
            // A cut id would open the wrong form or none: refuse instead of posting a broken button.
            throw new ArgumentException($"The question id makes an action_id longer than {SlackLimits.ActionId} characters.", nameof(questionId));
        }

        var blocks = new JsonArray();
        if (!string.IsNullOrWhiteSpace(title))
        {
            blocks.Add(new JsonObject { ["type"] = "header", ["text"] = BlockKitRenderer.PlainText(title.Trim(), SlackLimits.HeaderText) });
        }

        // Header, details and the button always stay; the question gets every other block there is.
        var room = SlackLimits.BlocksPerMessage - blocks.Count - 2;
        var pieces = SlackText.Chunk(SlackText.Escape(questionText.Trim()), SlackLimits.SectionText);
        foreach (var piece in pieces.Take(room))
        {
            blocks.Add(BlockKitRenderer.Section(piece));
        }

        if (pieces.Count > room)
        {
            blocks[^1] = BlockKitRenderer.Section(SlackText.MarkCut(pieces[room - 1], SlackLimits.SectionText));
        }

        var line = string.Join("  ·  ", details
            .Where(d => !string.IsNullOrWhiteSpace(d.Value))
            .Select(d => string.IsNullOrWhiteSpace(d.Name) ? SlackText.Escape(d.Value.Trim()) : $"*{SlackText.Escape(d.Name.Trim())}* {SlackText.Escape(d.Value.Trim())}"));
        if (line.Length > 0)
        {
            blocks.Add(BlockKitRenderer.Context(line));
        }

        var button = BlockKitRenderer.Button(buttonLabel, action, [], style: "primary");
        blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "daily_answer", ["elements"] = new JsonArray(button) });

        var fallback = string.IsNullOrWhiteSpace(title) ? questionText : $"{title.Trim()}: {questionText.Trim()}";
        return new SlackMessage(SlackText.Mrkdwn(fallback, SlackLimits.MessageTextRecommended), blocks);
    }
}
