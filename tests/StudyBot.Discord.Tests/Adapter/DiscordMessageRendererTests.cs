using System.Text.Json.Nodes;
using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Adapter;

public sealed class DiscordMessageRendererTests
{
    private static int EmbedCharacters(JsonObject message) =>
        message["embeds"]!.AsArray().Sum(e =>
            (e!["title"]?.GetValue<string>().Length ?? 0)
            + (e["description"]?.GetValue<string>().Length ?? 0)
            + (e["footer"]?["text"]?.GetValue<string>().Length ?? 0)
            + (e["fields"]?.AsArray().Sum(f => f!["name"]!.GetValue<string>().Length + f["value"]!.GetValue<string>().Length) ?? 0));

    [Fact]
    public void Render_PrivateReply_IsEphemeralAndMentionsNobody()
    {
        var message = DiscordMessageRenderer.Render(Reply.Problem("'7' is not a valid phase."));

        Assert.Equal(64, message["flags"]!.GetValue<int>());
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("'7' is not a valid phase.", message["embeds"]![0]!["description"]!.GetValue<string>());
    }

    [Fact]
    public void Render_PublicReplyWithButton_HasAnActionRowAndNoFlags()
    {
        var reply = Reply.Info("Daily question", "Explain dropout").WithButtons(new ReplyButton("Answer", "answer:69"));

        var message = DiscordMessageRenderer.Render(reply);

        Assert.Null(message["flags"]);
        var button = message["components"]![0]!["components"]![0]!;
        Assert.Equal(2, button["type"]!.GetValue<int>());
        Assert.Equal("answer:69", button["custom_id"]!.GetValue<string>());
    }

    [Fact]
    public void Render_HugeReply_StaysWithinEveryDiscordLimit()
    {
        var fields = Enumerable.Range(1, 60).Select(i => new ReplyField($"Field {i} " + new string('n', 300), new string('v', 1500))).ToArray();
        var reply = Reply.Info(new string('T', 400), new string('d', 9000), fields);

        var message = DiscordMessageRenderer.Render(reply);

        var embeds = message["embeds"]!.AsArray();
        Assert.InRange(embeds.Count, 1, 10);
        Assert.True(EmbedCharacters(message) <= 6000, $"{EmbedCharacters(message)} characters across embeds");
        foreach (var embed in embeds)
        {
            Assert.True((embed!["title"]?.GetValue<string>().Length ?? 0) <= 256);
            Assert.True((embed["description"]?.GetValue<string>().Length ?? 0) <= 4096);
            var embedFields = embed["fields"]?.AsArray() ?? [];
            Assert.True(embedFields.Count <= 25);
            Assert.All(embedFields, f =>
            {
                Assert.InRange(f!["name"]!.GetValue<string>().Length, 1, 256);
                Assert.InRange(f["value"]!.GetValue<string>().Length, 1, 1024);
            });
        }

        Assert.Contains("shortened", embeds[^1]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongFieldValue_ContinuesInAnotherField()
    {
        var reply = Reply.Info("Tools", "", new ReplyField("Monitoring", string.Join('\n', Enumerable.Repeat("Prometheus, Grafana, Datadog", 60))));

        var fields = DiscordMessageRenderer.Render(reply)["embeds"]![0]!["fields"]!.AsArray();

        Assert.True(fields.Count >= 2);
        Assert.Equal("Monitoring (continued)", fields[1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Render_ContentOver2000_IsCut()
    {
        var message = DiscordMessageRenderer.Render(Reply.Info("t", "x"), new string('c', 2500));

        Assert.Equal(2000, message["content"]!.GetValue<string>().Length);
    }
}
