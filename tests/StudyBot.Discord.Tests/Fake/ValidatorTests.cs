using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

public sealed class DiscordLimitsValidatorTests
{
    private const string CreateMessagePath = "/channels/10/messages";

    [Fact]
    public void Validate_ValidMessageCreate_NoProblems() =>
        Assert.Empty(DiscordLimitsValidator.Validate("POST", CreateMessagePath, ValidBodies.Message()));

    [Fact]
    public void Validate_Content2001_Reported() =>
        AssertReported("/content", ValidBodies.Message(content: new string('a', 2001)));

    [Fact]
    public void Validate_ElevenEmbeds_Reported() =>
        AssertReported("/embeds", ValidBodies.Message(embeds: 11));

    [Fact]
    public void Validate_FieldValue1025_Reported() =>
        AssertReported("/embeds/0/fields/0/value", ValidBodies.Message(fieldValue: new string('v', 1025)));

    [Fact]
    public void Validate_EmbedsOver6000InTotal_Reported()
    {
        var body = ValidBodies.Message(embeds: 2);
        body["embeds"]![0]!["description"] = new string('d', 4000);
        body["embeds"]![1]!["description"] = new string('d', 2100);

        AssertReported("/embeds: 6", body);
    }

    [Fact]
    public void Validate_CustomId101_Reported() =>
        AssertReported("/components/0/components/0/custom_id", ValidBodies.Message(customId: new string('c', 101)));

    [Fact]
    public void Validate_MissingAllowedMentions_Reported()
    {
        var body = ValidBodies.Message();
        body.Remove("allowed_mentions");

        AssertReported("/allowed_mentions", body);
    }

    [Fact]
    public void Validate_ParseUsersTogetherWithUsersList_Reported()
    {
        var body = ValidBodies.Message();
        body["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray("users"), ["users"] = new JsonArray("1") };

        AssertReported("/allowed_mentions", body);
    }

    [Fact]
    public void Validate_TwentySixAutocompleteChoices_Reported() =>
        Assert.Contains(
            DiscordLimitsValidator.Validate("POST", "/interactions/1/t/callback", ValidBodies.AutocompleteResult(26)),
            p => p.StartsWith("/data/choices", StringComparison.Ordinal));

    [Fact]
    public void Validate_StringChoiceValue101_Reported()
    {
        var body = ValidBodies.AutocompleteResult(1);
        body["data"]!["choices"]![0]!["value"] = new string('z', 101);

        Assert.Contains(DiscordLimitsValidator.Validate("POST", "/interactions/1/t/callback", body), p => p.StartsWith("/data/choices/0/value", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ModalTitle46_Reported()
    {
        var body = new JsonObject { ["type"] = 9, ["data"] = new JsonObject { ["custom_id"] = "m", ["title"] = new string('t', 46), ["components"] = new JsonArray() } };

        Assert.Contains(DiscordLimitsValidator.Validate("POST", "/interactions/1/t/callback", body), p => p.StartsWith("/data/title", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CommandsBreakingNameDescriptionAndOrderRules_EachReported()
    {
        var commands = new JsonArray(
            new JsonObject { ["name"] = "Bad Name!", ["description"] = "x" },
            new JsonObject { ["name"] = "Daily", ["description"] = "x" },
            new JsonObject { ["name"] = "ok", ["description"] = "" },
            new JsonObject
            {
                ["name"] = "order",
                ["description"] = "x",
                ["options"] = new JsonArray(
                    new JsonObject { ["name"] = "a", ["description"] = "x", ["type"] = 3 },
                    new JsonObject { ["name"] = "b", ["description"] = "x", ["type"] = 3, ["required"] = true }),
            });

        var problems = DiscordLimitsValidator.Validate("PUT", "/applications/1/commands", commands);

        Assert.Contains(problems, p => p.StartsWith("/0/name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/1/name", StringComparison.Ordinal) && p.Contains("lowercase", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/2/description", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/3/options/1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Nonce26_Reported()
    {
        var body = ValidBodies.Message();
        body["nonce"] = new string('n', 26);

        AssertReported("/nonce", body);
    }

    private static void AssertReported(string location, JsonObject body) =>
        Assert.Contains(DiscordLimitsValidator.Validate("POST", CreateMessagePath, body), p => p.StartsWith(location, StringComparison.Ordinal));
}

public sealed class OpenApiRequestValidatorTests
{
    [SpecFact]
    public void Validate_ValidMessageCreate_NoErrors() =>
        Assert.Empty(OpenApiRequestValidator.Validate("POST", "/channels/10/messages", ValidBodies.Message()));

    [SpecFact]
    public void Validate_ElevenEmbeds_Reported() =>
        Assert.NotEmpty(OpenApiRequestValidator.Validate("POST", "/channels/10/messages", ValidBodies.Message(embeds: 11)));

    [SpecFact]
    public void Validate_FieldValue1025_ReportedAtTheField() =>
        Assert.Contains(
            OpenApiRequestValidator.Validate("POST", "/channels/10/messages", ValidBodies.Message(fieldValue: new string('v', 1025))),
            e => e.StartsWith("/embeds/0/fields/0/value", StringComparison.Ordinal));

    [SpecFact]
    public void Validate_CustomId101_ReportedAtTheButton() =>
        Assert.Contains(
            OpenApiRequestValidator.Validate("POST", "/channels/10/messages", ValidBodies.Message(customId: new string('c', 101))),
            e => e.StartsWith("/components/0/components/0", StringComparison.Ordinal));

    [SpecFact]
    public void Validate_InteractionReplyContent2001_Reported()
    {
        var body = new JsonObject { ["type"] = 4, ["data"] = ValidBodies.Message(content: new string('a', 2001)) };

        Assert.NotEmpty(OpenApiRequestValidator.Validate("POST", "/interactions/1/t/callback", body));
    }

    [SpecFact]
    public void Validate_TwentySixAutocompleteChoices_Reported() =>
        Assert.NotEmpty(OpenApiRequestValidator.Validate("POST", "/interactions/1/t/callback", ValidBodies.AutocompleteResult(26)));

    [SpecFact]
    public void Validate_CommandsWithStringPermissions_NormalisedAndValid()
    {
        var commands = new JsonArray(new JsonObject { ["name"] = "daily", ["description"] = "Today's question", ["default_member_permissions"] = "0" });

        Assert.Empty(OpenApiRequestValidator.Validate("PUT", "/applications/1/guilds/2/commands", commands));
    }

    [SpecFact]
    public void Validate_EditOriginal_UsesTheLiteralPathOverTheMessageIdTemplate() =>
        Assert.Empty(OpenApiRequestValidator.Validate("PATCH", "/webhooks/1/t/messages/@original", ValidBodies.Message()));
}

internal static class ValidBodies
{
    public static JsonObject Message(string content = "Today's question", int embeds = 1, string fieldValue = "value", string customId = "answer:1")
    {
        var list = new JsonArray();
        for (var i = 0; i < embeds; i++)
        {
            list.Add(new JsonObject
            {
                ["title"] = "Question",
                ["description"] = "What is 6 × 7?",
                ["fields"] = new JsonArray(new JsonObject { ["name"] = "Hint", ["value"] = fieldValue }),
                ["footer"] = new JsonObject { ["text"] = "StudyBot" },
            });
        }

        return new JsonObject
        {
            ["content"] = content,
            ["embeds"] = list,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 2, ["style"] = 1, ["label"] = "Answer", ["custom_id"] = customId }),
            }),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }

    public static JsonObject AutocompleteResult(int count) => new()
    {
        ["type"] = 8,
        ["data"] = new JsonObject
        {
            ["choices"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["name"] = $"Zone {i}", ["value"] = $"zone-{i}" })]),
        },
    };
}
