using System.Text.Json.Nodes;

namespace StudyBot.Slack.Blocks;

/// <summary>What the answer form says and accepts.</summary>
/// <param name="CallbackId">Comes back as view.callback_id on submission (at most 255 characters).</param>
/// <param name="PrivateMetadata">Comes back untouched as view.private_metadata, e.g. the question id (at most 3,000 characters).</param>
/// <param name="MinLength">0–3,000; Slack refuses shorter answers in the form itself.</param>
/// <param name="MaxLength">1–3,000.</param>
public sealed record AnswerModal(
    string CallbackId,
    string PrivateMetadata,
    string Title,
    string QuestionText,
    string Label,
    int MinLength,
    int MaxLength,
    string Submit = "Send",
    string Close = "Cancel",
    string? Placeholder = null,
    string? Hint = null);

/// <summary>
/// The modal for answering a question: the question (escaped) and one multiline plain_text_input. Read the answer with
/// <c>submission.ValueOf(SlackAnswerModal.BlockId, SlackAnswerModal.ActionId)</c>; reject it with
/// <c>SocketAck.ViewErrors</c> keyed by <see cref="BlockId"/>.
/// </summary>
public static class SlackAnswerModal
{
    public const string BlockId = "answer";
    public const string ActionId = "answer_text";

    public static JsonObject Build(AnswerModal modal)
    {
        ArgumentNullException.ThrowIfNull(modal);
        // Identifiers come back to the bot: cutting them would break the submission, so they must fit.
        if (modal.CallbackId.Length is 0 or > SlackLimits.ViewCallbackId)
        {
            throw new ArgumentException($"callback_id must be 1–{SlackLimits.ViewCallbackId} characters.", nameof(modal));
        }

        if (modal.PrivateMetadata.Length > SlackLimits.ViewPrivateMetadata)
        {
            throw new ArgumentException($"private_metadata must be at most {SlackLimits.ViewPrivateMetadata} characters.", nameof(modal));
        }

        var maxLength = Math.Clamp(modal.MaxLength, 1, SlackLimits.PlainTextInputLength);
        var minLength = Math.Clamp(modal.MinLength, 0, maxLength);
        var input = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = ActionId,
            ["multiline"] = true,
            ["min_length"] = minLength,
            ["max_length"] = maxLength,
        };
        if (!string.IsNullOrWhiteSpace(modal.Placeholder))
        {
            input["placeholder"] = BlockKitRenderer.PlainText(modal.Placeholder.Trim(), SlackLimits.InputPlaceholder);
        }

        var inputBlock = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = BlockId,
            ["label"] = BlockKitRenderer.PlainText(string.IsNullOrWhiteSpace(modal.Label) ? "Your answer" : modal.Label.Trim(), SlackLimits.InputLabel),
            ["element"] = input,
        };
        if (!string.IsNullOrWhiteSpace(modal.Hint))
        {
            inputBlock["hint"] = BlockKitRenderer.PlainText(modal.Hint.Trim(), SlackLimits.InputHint);
        }

        var blocks = new JsonArray();
        if (!string.IsNullOrWhiteSpace(modal.QuestionText))
        {
            blocks.Add(BlockKitRenderer.Section(SlackText.Mrkdwn(modal.QuestionText.Trim(), SlackLimits.SectionText)));
        }

        blocks.Add(inputBlock);
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = modal.CallbackId,
            ["private_metadata"] = modal.PrivateMetadata,
            ["title"] = BlockKitRenderer.PlainText(Or(modal.Title, "Answer"), SlackLimits.ViewTitle),
            ["submit"] = BlockKitRenderer.PlainText(Or(modal.Submit, "Send"), SlackLimits.ViewSubmit),
            ["close"] = BlockKitRenderer.PlainText(Or(modal.Close, "Cancel"), SlackLimits.ViewClose),
            ["blocks"] = blocks,
        };
    }

    private static string Or(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
}
