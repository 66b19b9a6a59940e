using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.State;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Adapter;

public sealed class CommandRegistrarTests
{
    private sealed class MemoryState : IAdapterStateStore
    {
        public ConcurrentDictionary<string, string> Values { get; } = new();

        public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult(Values.TryGetValue(key, out var value) ? value : null);

        public Task SetAsync(string key, string value, CancellationToken cancellationToken)
        {
            Values[key] = value;
            return Task.CompletedTask;
        }
    }

    private static readonly string[] Refinements = ["autocomplete", "min_value", "max_value", "min_length", "max_length", "channel_types"];

    private static CommandRegistrar Registrar(RecordingRest rest, IAdapterStateStore state, ulong? devGuild, ILogger<CommandRegistrar>? logger = null) =>
        new(CoreFixture.Dispatcher(), new DiscordApi(rest), state, Options.Create(new DiscordOptions { DevGuildId = devGuild }), logger ?? NullLogger<CommandRegistrar>.Instance);

    private static IEnumerable<JsonObject> AllOptions(JsonNode commands) =>
        commands.AsArray().SelectMany(c => c!["options"]!.AsArray()).Select(o => o!.AsObject());

    /// <summary>A 400 as Discord words a refused form body, naming one field of the command at <paramref name="index"/>.</summary>
    private static RestResponse Refused(int index) => new(400, JsonNode.Parse($$"""
        {"code":50035,"message":"Invalid Form Body","errors":{"{{index}}":{"options":{"0":{"min_value":{"_errors":[
          {"code":"UNKNOWN_FIELD","message":"This field is not supported."}]} } } } } }
        """), RestFailure.BadRequest);

    [Fact]
    public async Task RegisterIfChanged_SameCommandsTwice_PutsOnlyOnce()
    {
        var rest = new RecordingRest();
        var state = new MemoryState();

        var first = await Registrar(rest, state, devGuild: null).RegisterIfChangedAsync(7, CancellationToken.None);
        var second = await Registrar(rest, state, devGuild: null).RegisterIfChangedAsync(7, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var put = Assert.Single(rest.Calls);
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal("applications/7/commands", put.Path);
    }

    [Fact]
    public async Task RegisterIfChanged_DevGuild_RegistersThereInstantly()
    {
        var rest = new RecordingRest();

        await Registrar(rest, new MemoryState(), devGuild: 99).RegisterIfChangedAsync(7, CancellationToken.None);

        Assert.Equal("applications/7/guilds/99/commands", Assert.Single(rest.Calls).Path);
    }

    [Fact]
    public async Task RegisterIfChanged_DiscordRefuses_TriesAgainNextTime()
    {
        var rest = new RecordingRest { Respond = (_, _) => new RestResponse(500, null, RestFailure.ServerError) };
        var state = new MemoryState();

        Assert.False(await Registrar(rest, state, null).RegisterIfChangedAsync(7, CancellationToken.None));
        rest.Respond = (_, _) => new RestResponse(200, new System.Text.Json.Nodes.JsonArray(), RestFailure.None);
        Assert.True(await Registrar(rest, state, null).RegisterIfChangedAsync(7, CancellationToken.None));

        Assert.Equal(2, rest.Calls.Count);
    }

    [Fact]
    public async Task RegisterIfChanged_Refused400_LogsTheNamedFieldsAndRegistersOnceMoreWithoutRefinements()
    {
        var roadmapIndex = CommandPayloads.Build(CoreFixture.Dispatcher().Definitions).Select(c => c!["name"]!.GetValue<string>()).ToList().IndexOf("roadmap");
        var puts = 0;
        var rest = new RecordingRest { Respond = (_, _) => ++puts == 1 ? Refused(roadmapIndex) : new RestResponse(200, new JsonArray(), RestFailure.None) };
        var log = new ListLogger<CommandRegistrar>();
        var state = new MemoryState();

        var registered = await Registrar(rest, state, null, log).RegisterIfChangedAsync(7, CancellationToken.None);
        var again = await Registrar(rest, state, null).RegisterIfChangedAsync(7, CancellationToken.None);

        Assert.True(registered);
        Assert.False(again);
        var calls = rest.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Contains(AllOptions(calls[0].Body!), o => Refinements.Any(o.ContainsKey));
        Assert.DoesNotContain(AllOptions(calls[1].Body!), o => Refinements.Any(o.ContainsKey));
        Assert.Equal(calls[0].Body!.AsArray().Count, calls[1].Body!.AsArray().Count);
        var refusal = Assert.Single(log.Entries, e => e.EventId.Id == 6003).Message;
        Assert.Contains("code 50035", refusal, StringComparison.Ordinal);
        Assert.Contains($"/roadmap {roadmapIndex}.options.0.min_value: UNKNOWN_FIELD", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterIfChanged_RefusedTwice_LogsAndTriesAgainNextTime()
    {
        var rest = new RecordingRest { Respond = (_, _) => Refused(0) };
        var log = new ListLogger<CommandRegistrar>();
        var state = new MemoryState();

        Assert.False(await Registrar(rest, state, null, log).RegisterIfChangedAsync(7, CancellationToken.None));

        Assert.Equal(2, rest.Calls.Count);
        Assert.Contains("UNKNOWN_FIELD", Assert.Single(log.Entries, e => e.EventId.Id == 6002).Message, StringComparison.Ordinal);
        Assert.Empty(state.Values);
    }

    [Fact]
    public async Task RegisterIfChanged_ServerError_IsNotRetriedWithoutRefinements()
    {
        var rest = new RecordingRest { Respond = (_, _) => new RestResponse(500, null, RestFailure.ServerError) };

        Assert.False(await Registrar(rest, new MemoryState(), null).RegisterIfChangedAsync(7, CancellationToken.None));

        Assert.Single(rest.Calls);
    }
}
