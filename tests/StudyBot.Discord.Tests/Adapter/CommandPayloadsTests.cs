using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Adapter;

public sealed partial class CommandPayloadsTests
{
    private static JsonArray AllCommands() => CommandPayloads.Build(CoreFixture.Dispatcher().Definitions);

    private static JsonObject Command(string name) => AllCommands().Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public void Build_EveryCoreCommand_IsRegisteredWithinDiscordNameAndSizeLimits()
    {
        var definitions = CoreFixture.Dispatcher().Definitions;
        var commands = CommandPayloads.Build(definitions);

        Assert.Equal(definitions.Count, commands.Count);
        Assert.Equal(definitions.Select(d => d.Name).Order(StringComparer.Ordinal), commands.Select(c => c!["name"]!.GetValue<string>()));
        foreach (var command in commands.Select(c => c!.AsObject()))
        {
            Assert.Matches(NamePattern(), command["name"]!.GetValue<string>());
            Assert.InRange(command["description"]!.GetValue<string>().Length, 1, 100);
            var options = command["options"]!.AsArray();
            Assert.True(options.Count <= 25);
            var required = options.Select(o => o!["required"]!.GetValue<bool>()).ToList();
            Assert.Equal(required.OrderByDescending(r => r), required);
            foreach (var option in options.Select(o => o!.AsObject()))
            {
                Assert.Matches(NamePattern(), option["name"]!.GetValue<string>());
                Assert.False(option.ContainsKey("choices") && option.ContainsKey("autocomplete"), "choices and autocomplete exclude each other");
                Assert.True((option["choices"]?.AsArray().Count ?? 0) <= 25);
            }
        }
    }

    [Fact]
    public void Build_AdminCommands_NeedManageServerByDefault()
    {
        Assert.Equal("32", Command("setup")["default_member_permissions"]!.GetValue<string>());
        Assert.Equal("32", Command("schedule")["default_member_permissions"]!.GetValue<string>());
        Assert.Null(Command("roadmap")["default_member_permissions"]);
    }

    [Fact]
    public void Build_OptionTypes_FollowWhatAPersonTypes()
    {
        var phase = Command("roadmap")["options"]![0]!;
        Assert.Equal(4, phase["type"]!.GetValue<int>());
        Assert.Equal(1, phase["min_value"]!.GetValue<int>());
        Assert.Equal(4, phase["max_value"]!.GetValue<int>());

        var setup = Command("setup")["options"]!.AsArray();
        Assert.Equal(7, setup.Single(o => o!["name"]!.GetValue<string>() == "channel")!["type"]!.GetValue<int>());
        Assert.Equal(8, setup.Single(o => o!["name"]!.GetValue<string>() == "role")!["type"]!.GetValue<int>());
        Assert.True(setup.Single(o => o!["name"]!.GetValue<string>() == "timezone")!["autocomplete"]!.GetValue<bool>());

        var salary = Command("salary")["options"]!.AsArray();
        Assert.Equal(["entry", "mid", "senior", "lead"], salary[0]!["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal(6, Command("streak")["options"]![0]!["type"]!.GetValue<int>());
    }

    [Fact]
    public void BuildWithoutRefinements_SameCommandsAndOptions_NoAutocompleteLimitsOrChannelTypes()
    {
        string[] refinements = ["autocomplete", "min_value", "max_value", "min_length", "max_length", "channel_types"];
        var definitions = CoreFixture.Dispatcher().Definitions;
        var full = CommandPayloads.Build(definitions);
        var plain = CommandPayloads.BuildWithoutRefinements(definitions);

        static IEnumerable<JsonObject> Options(JsonArray commands) => commands.SelectMany(c => c!["options"]!.AsArray()).Select(o => o!.AsObject());
        Assert.Equal(Options(full).Select(o => o["name"]!.GetValue<string>()), Options(plain).Select(o => o["name"]!.GetValue<string>()));
        Assert.Contains(Options(full), o => refinements.Any(o.ContainsKey));
        Assert.DoesNotContain(Options(plain), o => refinements.Any(o.ContainsKey));

        // Fixed choices stay: they are not an optional refinement, and Core accepts the same values either way.
        Assert.Equal(4, plain.Single(c => c!["name"]!.GetValue<string>() == "salary")!["options"]![0]!["choices"]!.AsArray().Count);
        Assert.Equal("32", plain.Single(c => c!["name"]!.GetValue<string>() == "setup")!["default_member_permissions"]!.GetValue<string>());
    }

    [Fact]
    public void Fingerprint_SameDefinitions_SameValue_ChangedDefinitions_Differs()
    {
        var first = CommandPayloads.Fingerprint(AllCommands());
        var second = CommandPayloads.Fingerprint(AllCommands());
        var changed = AllCommands();
        changed[0]!["description"] = "changed";

        Assert.Equal(first, second);
        Assert.NotEqual(first, CommandPayloads.Fingerprint(changed));
    }

    [GeneratedRegex(@"^[-_'\p{Ll}\p{N}]{1,32}$")]
    private static partial Regex NamePattern();
}
