using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Rest;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Gateway;

/// <summary>Answers <c>GET gateway/bot</c> like Discord, or with a chosen failure.</summary>
internal sealed class StubRest : IDiscordRest
{
    public RestResponse Response { get; set; } = new(200, JsonNode.Parse("""{"url":"wss://fake.test","shards":1}"""), RestFailure.None);

    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"{method} {path}");
        return Task.FromResult(Response);
    }

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, cancellationToken);

    public Task<RestResponse> SendWithFilesAsync(HttpMethod method, string path, JsonNode payload, IReadOnlyList<RestFile> files, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
        SendAsync(method, path, payload, cancellationToken);
}

/// <summary>Records every dispatch; an optional hook lets a test make the handler slow or throw.</summary>
internal sealed class RecordingHandler : IGatewayDispatchHandler
{
    private readonly Channel<GatewayDispatch> _received = Channel.CreateUnbounded<GatewayDispatch>();

    public Func<GatewayDispatch, CancellationToken, Task>? OnHandle { get; set; }

    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        _received.Writer.TryWrite(dispatch);
        if (OnHandle is { } hook)
        {
            await hook(dispatch, cancellationToken);
        }
    }

    /// <summary>Waits for the next dispatch of <paramref name="type"/>, skipping others.</summary>
    public async Task<GatewayDispatch> WaitForAsync(string type)
    {
        using var timeout = new CancellationTokenSource(ScriptedConnection.Timeout);
        while (true)
        {
            var dispatch = await _received.Reader.ReadAsync(timeout.Token);
            if (dispatch.Type == type)
            {
                return dispatch;
            }
        }
    }
}

/// <summary>
/// A client wired to the scripted gateway, a stub REST and fake time. Zero reconnect delays keep
/// reconnects immediate; heartbeats only happen when a test advances <see cref="Time"/> (or asks with op 1).
/// Disposing stops the client and checks the invariants every test shares.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string Token = "Bot-Token.SECRET-abc123";
    public const string GatewayUrl = "wss://fake.test/?v=10&encoding=json";
    public const string ResumeUrl = "wss://resume.test/?v=10&encoding=json";

    private readonly CancellationTokenSource _stop = new();

    public GatewayHarness(double random = 0.5, bool welcomeEnabled = true, string token = Token)
    {
        var options = Options.Create(new DiscordOptions { Token = token, WelcomeEnabled = welcomeEnabled });
        var timings = new GatewayTimings
        {
            Random = () => random,
            InitialReconnectDelay = TimeSpan.Zero,
            MaxReconnectDelay = TimeSpan.Zero,
            MinInvalidSessionDelay = TimeSpan.Zero,
            MaxInvalidSessionDelay = TimeSpan.Zero,
        };
        Client = new DiscordGatewayClient(Gateway.CreateTransport, Rest, Handler, options, Time, Logs, timings);
    }

    public FakeTimeProvider Time { get; } = new();

    public ScriptedGateway Gateway { get; } = new();

    public StubRest Rest { get; } = new();

    public RecordingHandler Handler { get; } = new();

    public ListLogger Logs { get; } = new();

    public DiscordGatewayClient Client { get; }

    public Task Run { get; private set; } = Task.CompletedTask;

    public GatewayHarness Start()
    {
        Run = Task.Run(() => Client.RunAsync(_stop.Token));
        return this;
    }

    /// <summary>Starts the client and plays a first connection up to READY (sequence 1).</summary>
    public async Task<ScriptedConnection> StartReadyAsync()
    {
        Start();
        var connection = await Gateway.NextConnectionAsync();
        connection.SendHello();
        await connection.ExpectSentAsync(2);
        connection.SendReady();
        await Handler.WaitForAsync("READY");
        return connection;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(ScriptedConnection.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(ScriptedConnection.Timeout);
        }
        catch (GatewayFatalException)
        {
            // The test that caused it has checked it.
        }

        _stop.Dispose();
        Assert.Equal(0, Gateway.OverlappingSends);
        Assert.DoesNotContain(Token, Logs.AllText(), StringComparison.Ordinal);
    }
}
