using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Discord.Tests.EndToEnd;

/// <summary>
/// The real host against the loopback fake Discord when things go wrong: a failing interaction still gets the
/// short reply and the next one is answered; a server that refuses the command refinements, or sends interactions
/// without member.permissions, still gets a working bot.
/// </summary>
public sealed class DiscordHardeningTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string OwnerId = "1380000000000000301";
    private const string ModeratorRoleId = "1380000000000000401";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-hardening-");
    private readonly ListLogger log = new();
    private FakeDiscord fake = null!;

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Delete(recursive: true);
    }

    /// <summary>A command whose reply the renderer cannot render: what a renderer bug looks like from outside.</summary>
    private sealed class BrokenReplyCommand : ICommandHandler
    {
        public CommandDefinition Definition { get; } = new("broken", "Always fails to render", []);

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(Reply.Info(null!, "no title"));
    }

    /// <summary>The real REST client, except that the first interaction callback throws (a bug below the handler).</summary>
    private sealed class FirstCallbackThrows(IDiscordRest inner) : IDiscordRest
    {
        private int callbacks;

        public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
            inner.SendAsync(method, path, body, cancellationToken);

        public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
            path.EndsWith("/callback", StringComparison.Ordinal) && Interlocked.Increment(ref callbacks) == 1
                ? throw new InvalidOperationException("a bug in the REST layer")
                : inner.SendAsync(method, path, body, retryUntil, cancellationToken);

        public Task<RestResponse> SendWithFilesAsync(HttpMethod method, string path, JsonNode payload, IReadOnlyList<RestFile> files, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
            inner.SendWithFilesAsync(method, path, payload, files, retryUntil, cancellationToken);
    }

    private IHost BuildHost(Action<IServiceCollection>? services = null) =>
        StudyBotHost.Build(
            [
                $"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}",
                $"--Discord:Token={fake.Token}",
                $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
                $"--Discord:DevGuildId={fake.Interactions.GuildId}",
            ],
            builder =>
            {
                builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
                builder.Logging.AddProvider(new ListLoggerProvider(log));
                services?.Invoke(builder.Services);
            });

    private async Task<IHost> StartAsync(Action<IServiceCollection>? services = null)
    {
        var host = BuildHost(services);
        await host.StartAsync();
        await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal) && r.ResponseStatus == 200, Wait);
        return host;
    }

    private async Task<FakeInteraction> AnsweredAsync(JsonObject interaction)
    {
        var dispatched = await fake.DispatchInteractionAsync(interaction);
        await dispatched.Acknowledged.WaitAsync(Wait);
        return dispatched;
    }

    private static string Content(FakeInteraction interaction) => interaction.Callbacks[0]["data"]?["content"]?.GetValue<string>() ?? "";

    private static string Text(FakeInteraction interaction) =>
        string.Join('\n', interaction.Callbacks[0]["data"]?["embeds"]?.AsArray().Select(e => $"{e!["title"]}\n{e["description"]}") ?? []);

    [Fact]
    public async Task Interaction_RendererBug_MemberGetsTheShortReplyAndTheNextCommandIsAnswered()
    {
        using var host = await StartAsync(s => s.AddSingleton<ICommandHandler, BrokenReplyCommand>());

        var broken = await AnsweredAsync(fake.Interactions.SlashCommand("broken"));
        var next = await AnsweredAsync(fake.Interactions.SlashCommand("roadmap", ("phase", 4, 2)));
        await host.StopAsync();

        Assert.Equal(InteractionHandler.FailureText, Content(broken));
        Assert.Equal(64, broken.Callbacks[0]["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("Phase 2", Text(next), StringComparison.Ordinal);
        Assert.True(log.Has(6703));
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task Interaction_RestLayerThrows_MemberGetsTheShortReplyAndTheNextCommandIsAnswered()
    {
        using var host = await StartAsync(s => s.AddSingleton<IDiscordRest>(sp => new FirstCallbackThrows(new DiscordRestClient(
            new HttpClient(),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()))));

        var failed = await AnsweredAsync(fake.Interactions.SlashCommand("roadmap", ("phase", 4, 1)));
        var next = await AnsweredAsync(fake.Interactions.SlashCommand("roadmap", ("phase", 4, 2)));
        await host.StopAsync();

        Assert.Equal(InteractionHandler.FailureText, Content(failed));
        Assert.Contains("Phase 2", Text(next), StringComparison.Ordinal);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task Registration_ServerRefusesTheRefinements_LogsItsErrorAndRegistersWithoutThem()
    {
        fake.RefuseCommandRefinements = true;
        using var host = await StartAsync();

        // Without autocomplete a member types the zone in full; Core still checks it.
        var timezone = await AnsweredAsync(fake.Interactions.SlashCommand("timezone", ("zone", 3, "Europe/Berlin")));
        var wrong = await AnsweredAsync(fake.Interactions.SlashCommand("roadmap", ("phase", 4, 9)));
        await host.StopAsync();

        var puts = fake.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal([400, 200], puts.Select(p => p.ResponseStatus));
        var stored = fake.Commands(fake.Interactions.GuildId)!;
        Assert.Equal(host.Services.GetRequiredService<CommandDispatcher>().Definitions.Count, stored.Count);
        Assert.DoesNotContain(stored.SelectMany(c => c!["options"]!.AsArray()), o => o!.AsObject().ContainsKey("autocomplete"));
        var refusal = Assert.Single(log.Entries, e => e.EventId.Id == 6003).Message;
        Assert.Contains("code 50035", refusal, StringComparison.Ordinal);
        Assert.Contains("/roadmap", refusal, StringComparison.Ordinal);
        Assert.Contains("min_value: UNKNOWN_FIELD", refusal, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", Text(timezone), StringComparison.Ordinal);
        Assert.Contains("phase", Text(wrong), StringComparison.Ordinal);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task AdminCommand_InteractionsWithoutPermissions_DecidedByTheServersOwnerAndRoles()
    {
        using var host = await StartAsync();
        fake.Interactions.Permissions = null;
        var show = () => fake.Interactions.SlashCommand("schedule", ("action", 3, "show"));

        // Before GUILD_CREATE nothing is known: refused politely, not as a non-admin.
        var unknown = await AnsweredAsync(show());
        await fake.DispatchAsync("GUILD_CREATE", fake.Interactions.GuildCreate(OwnerId, (fake.Interactions.GuildId, "0"), (ModeratorRoleId, "0")));
        var plainMember = await AnsweredAsync(show());
        await fake.DispatchAsync("GUILD_ROLE_UPDATE", fake.Interactions.GuildRoleUpdate(ModeratorRoleId, "32"));
        fake.Interactions.Roles.Add(ModeratorRoleId);
        var moderator = await AnsweredAsync(show());
        fake.Interactions.Roles.Clear();
        fake.Interactions.UserId = OwnerId;
        var owner = await AnsweredAsync(show());
        await host.StopAsync();

        Assert.Contains("could not check your permissions", Text(unknown), StringComparison.Ordinal);
        Assert.Contains("/schedule is for the server's admins.", Text(plainMember), StringComparison.Ordinal);
        // Past the admin check, /schedule itself answers: this server has not been set up yet.
        Assert.Contains("There is no schedule yet", Text(moderator), StringComparison.Ordinal);
        Assert.Contains("There is no schedule yet", Text(owner), StringComparison.Ordinal);
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task Identify_SendsAnOnlinePresence()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var identify = await fake.WaitForIdentifyAsync(0, Wait);
        await host.StopAsync();

        Assert.Equal("online", identify["presence"]!["status"]!.GetValue<string>());
        Assert.False(identify["presence"]!["afk"]!.GetValue<bool>());
        Assert.Empty(identify["presence"]!["activities"]!.AsArray());
    }
}
