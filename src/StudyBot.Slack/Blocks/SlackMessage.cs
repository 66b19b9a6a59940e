using System.Text.Json.Nodes;

namespace StudyBot.Slack.Blocks;

/// <summary>
/// A message ready to send: Block Kit <see cref="Blocks"/> and the top-level <see cref="Text"/> that notifications and
/// screen readers use. Both are escaped and within Slack's limits when they come from the builders here.
/// </summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The body for chat.postMessage / chat.update / a response_url: text and blocks (blocks deep-copied).</summary>
    public JsonObject ToJson() => new()
    {
        ["text"] = Text,
        ["blocks"] = Blocks.DeepClone(),
    };

    /// <summary>
    /// The body for a slash command's ack payload or a response_url post: ephemeral (only the invoker sees it) or in_channel.
    /// </summary>
    public JsonObject ToResponse(bool ephemeral)
    {
        var json = ToJson();
        json["response_type"] = ephemeral ? "ephemeral" : "in_channel";
        return json;
    }
}
