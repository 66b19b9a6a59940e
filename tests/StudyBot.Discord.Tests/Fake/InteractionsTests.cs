using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

public sealed class InteractionsTests
{
    [Fact]
    public async Task ModalSubmit_BothForms_CarryTheSameValueAtTheirDocumentedPlaces()
    {
        await using var fake = await FakeDiscord.StartAsync();

        var label = fake.Interactions.ModalSubmit("answer", ("text", "42"));
        var legacy = fake.Interactions.ModalSubmitLegacy("answer", ("text", "42"));

        Assert.Equal(5, label["type"]!.GetValue<int>());
        Assert.Equal(18, label["data"]!["components"]![0]!["type"]!.GetValue<int>());
        Assert.Equal("42", label["data"]!["components"]![0]!["component"]!["value"]!.GetValue<string>());
        Assert.Equal(1, legacy["data"]!["components"]![0]!["type"]!.GetValue<int>());
        Assert.Equal("42", legacy["data"]!["components"]![0]!["components"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fixtures_EachInteraction_HasFreshIdAndToken()
    {
        await using var fake = await FakeDiscord.StartAsync();

        JsonObject[] all =
        [
            fake.Interactions.SlashCommand("daily"),
            fake.Interactions.ButtonClick("answer:1"),
            fake.Interactions.Autocomplete("timezone", "zone", "Eur"),
            fake.Interactions.ModalSubmit("m", ("a", "b")),
        ];

        Assert.Equal(4, all.Select(i => i["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(4, all.Select(i => i["token"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal([2, 3, 4, 5], all.Select(i => i["type"]!.GetValue<int>()));
        Assert.True(all[2]["data"]!["options"]![0]!["focused"]!.GetValue<bool>());
    }
}
