using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.State;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

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

    private static CommandRegistrar Registrar(RecordingRest rest, IAdapterStateStore state, ulong? devGuild) =>
        new(CoreFixture.Dispatcher(), new DiscordApi(rest), state, Options.Create(new DiscordOptions { DevGuildId = devGuild }), NullLogger<CommandRegistrar>.Instance);

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
}
