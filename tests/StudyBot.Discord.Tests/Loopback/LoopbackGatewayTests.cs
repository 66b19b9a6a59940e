using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Discord.Tests.Gateway;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Loopback;

/// <summary>
/// StudyBot's gateway and REST clients, unchanged, against the loopback fake Discord over a real WebSocket and
/// real HTTP: the reconnect, resume and failure scenarios as Discord's docs describe them.
/// </summary>
public sealed class LoopbackGatewayTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource stop = new();
    private readonly RecordingHandler handler = new();
    private readonly ListLogger log = new();
    private FakeDiscord fake = null!;
    private Task? running;

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await Task.WhenAny(running, Task.Delay(Wait));
        }

        await fake.DisposeAsync();
        Assert.DoesNotContain(fake.Token, log.AllText(), StringComparison.Ordinal);
    }

    public void Dispose() => stop.Dispose();

    private DiscordGatewayClient Start(string? token = null)
    {
        var options = Options.Create(new DiscordOptions { Token = token ?? fake.Token, ApiBaseUrl = fake.ApiBaseUrl });
        var rest = new DiscordRestClient(new HttpClient(), options, TimeProvider.System, new ListLogger<DiscordRestClient>());
        var timings = new GatewayTimings
        {
            Random = () => 0.5,
            InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            MinInvalidSessionDelay = TimeSpan.FromMilliseconds(50),
            MaxInvalidSessionDelay = TimeSpan.FromMilliseconds(100),
        };
        var client = new DiscordGatewayClient(() => new WebSocketGatewayTransport(), rest, handler, options, TimeProvider.System, log, timings);
        running = client.RunAsync(stop.Token);
        return client;
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesOnTheResumeUrlWithSessionAndSequence()
    {
        Start();
        await handler.WaitForAsync("READY");
        await fake.DispatchAsync("TYPING_START", new JsonObject());
        var lastSequence = await fake.DispatchAsync("TYPING_START", new JsonObject());
        await handler.WaitForAsync("TYPING_START");

        await fake.SendReconnectAsync();
        var resume = await fake.WaitForResumeAsync(0, Wait);

        Assert.Equal(fake.Token, resume["token"]!.GetValue<string>());
        Assert.Equal(fake.SessionId, resume["session_id"]!.GetValue<string>());
        Assert.Equal(lastSequence, resume["seq"]!.GetValue<long>());
        var resumed = await fake.WaitForConnectionAsync(1, Wait);
        Assert.Equal("/resume", resumed.Path);
        Assert.Contains("v=10", resumed.Query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", resumed.Query, StringComparison.Ordinal);
        await handler.WaitForAsync("RESUMED");
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAfresh()
    {
        Start();
        await handler.WaitForAsync("READY");

        await fake.SendInvalidSessionAsync(resumable: false);
        await fake.WaitForIdentifyAsync(1, Wait);

        Assert.Equal(0, fake.ResumeCount);
        await handler.WaitForAsync("READY");
    }

    [Fact]
    public async Task MissedAcks_ClosesAsZombieWithoutEndingTheSessionThenResumes()
    {
        fake.HeartbeatIntervalMs = 400;
        fake.AcknowledgeHeartbeats = false;
        Start();
        await handler.WaitForAsync("READY");

        var first = await fake.WaitForConnectionAsync(0, Wait);
        await first.WaitForCloseAsync(Wait);
        fake.AcknowledgeHeartbeats = true;
        await fake.WaitForResumeAsync(0, Wait);

        Assert.NotNull(first.ClientCloseCode);
        Assert.NotEqual(1000, first.ClientCloseCode);
        Assert.NotEqual(1001, first.ClientCloseCode);
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task AuthenticationFailed_4004_IsFatalAndNeverRetried()
    {
        Start();
        await handler.WaitForAsync("READY");

        await fake.CloseAsync(4004, "Authentication failed.");
        // The client's run has ended with the fatal error, so no later connection can follow it.
        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => running!.WaitAsync(Wait));

        Assert.Equal(4004, fatal.Code);
        Assert.Equal(1, fake.ConnectionCount);
        Assert.Equal(1, fake.IdentifyCount);
    }

    [Fact]
    public async Task RejectedTokenOnRest_IsFatalBeforeAnyConnection()
    {
        Start(token: "not-the-token");

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => running!.WaitAsync(Wait));

        Assert.Equal(401, fatal.Code);
        Assert.DoesNotContain("not-the-token", fatal.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.ConnectionCount);
    }

    [Fact]
    public async Task MalformedAndUnknownPayloads_AreLoggedAndSkipped()
    {
        Start();
        await handler.WaitForAsync("READY");

        await fake.SendRawAsync("{ this is not json");
        await fake.SendRawAsync("""{"op":42,"d":{"surprise":true}}""");
        await fake.SendRawAsync("""{"op":0,"t":null,"s":null,"d":null}""");
        await fake.DispatchAsync("INTERACTION_CREATE", new JsonObject { ["id"] = "1" });
        var delivered = await handler.WaitForAsync("INTERACTION_CREATE");

        Assert.Equal("1", delivered.Data.GetProperty("id").GetString());
        Assert.Equal(1, fake.ConnectionCount);
        Assert.True(log.Entries.Count(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning) >= 2, log.AllText());
    }
}
