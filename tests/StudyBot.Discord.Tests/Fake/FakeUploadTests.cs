using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>The fake reads multipart/form-data as Discord does: payload_json plus files[n], each described by attachments[].id n.</summary>
public sealed class FakeUploadTests
{
    private static async Task<(FakeDiscord Fake, FakeInteraction Interaction, RawGatewayClient Client)> StartAsync()
    {
        var fake = await FakeDiscord.StartAsync();
        var (client, _) = await RawGatewayClient.IdentifyAsync(fake);
        var interaction = await fake.DispatchInteractionAsync(fake.Interactions.SlashCommand("my-data"));
        return (fake, interaction, client);
    }

    private static MultipartFormDataContent Form(string payload, params (int Index, string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(payload, Encoding.UTF8, "application/json"), "payload_json" } };
        foreach (var (index, name, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new("application/json");
            form.Add(part, $"files[{index}]", name);
        }

        return form;
    }

    private static async Task<HttpResponseMessage> CallbackAsync(FakeDiscord fake, FakeInteraction interaction, MultipartFormDataContent form)
    {
        using var http = new HttpClient();
        return await http.PostAsync(new Uri($"{fake.ApiBaseUrl}/interactions/{interaction.Id}/{interaction.Token}/callback"), form);
    }

    [Fact]
    public async Task Callback_PayloadAndDescribedFile_204AndTheMessageCarriesTheAttachment()
    {
        var (fake, interaction, client) = await StartAsync();
        await using var _ = fake;
        using var __ = client;
        using var form = Form("""{"type":4,"data":{"content":"Your data","flags":64,"allowed_mentions":{"parse":[]},"attachments":[{"id":"0","filename":"d.json"}]}}""", (0, "d.json", """{"a":1}"""));

        using var response = await CallbackAsync(fake, interaction, form);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var attachment = interaction.Original!["attachments"]![0]!;
        Assert.Equal("d.json", attachment["filename"]!.GetValue<string>());
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(fake.AttachmentContent(attachment["url"]!.GetValue<string>())!));
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task Callback_AttachmentWithoutItsFile_400InvalidFormBody()
    {
        var (fake, interaction, client) = await StartAsync();
        await using var _ = fake;
        using var __ = client;
        using var form = Form("""{"type":4,"data":{"content":"x","attachments":[{"id":"0","filename":"d.json"}]}}""");

        using var response = await CallbackAsync(fake, interaction, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("50035", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(interaction.AcknowledgedWith);
    }

    [Fact]
    public async Task Callback_FileNotDescribed_OrNoPayload_400()
    {
        var (fake, interaction, client) = await StartAsync();
        await using var _ = fake;
        using var __ = client;
        using var loose = Form("""{"type":4,"data":{"content":"x"}}""", (0, "d.json", "{}"));
        using var noPayload = new MultipartFormDataContent { { new StringContent("{}"), "files[0]", "d.json" } };

        using var first = await CallbackAsync(fake, interaction, loose);
        using var second = await CallbackAsync(fake, interaction, noPayload);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Contains("not described", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("no payload_json", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_PayloadAgainstTheSpec_ViolationRecorded()
    {
        if (!OpenApiRequestValidator.IsAvailable)
        {
            return;
        }

        var (fake, interaction, client) = await StartAsync();
        await using var _ = fake;
        using var __ = client;
        using var form = Form("""{"type":4,"data":{"content":"x","allowed_mentions":{"parse":[]},"attachments":[{"id":0,"filename":"d.json"}]}}""", (0, "d.json", "{}"));

        using var response = await CallbackAsync(fake, interaction, form);

        // attachments[].id is a snowflake string in the spec; a bare number is caught in payload_json.
        Assert.Contains(fake.SpecViolations, v => v.Contains("/data/attachments/0/id", StringComparison.Ordinal));
    }
}
