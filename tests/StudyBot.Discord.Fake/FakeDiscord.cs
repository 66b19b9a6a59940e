using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// A loopback Discord: REST under /api/v10 and a JSON gateway over WebSocket, on 127.0.0.1 with a random port.
/// It answers as Discord's documentation says Discord answers (status codes, error codes, rate-limit headers,
/// gateway opcodes and close codes), records everything it receives, and can be scripted per test.
/// Time (deadlines, rate-limit windows, nonce memory) comes from the TimeProvider given to <see cref="StartAsync"/>.
/// </summary>
public sealed partial class FakeDiscord : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> specViolations = new();
    private long validationCounter;
    private long nextSnowflakeIncrement;

    private FakeDiscord(WebApplication app, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        Interactions = new Interactions(this);
    }

    /// <summary>"http://127.0.0.1:&lt;port&gt;"</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>"http://127.0.0.1:&lt;port&gt;/api/v10": what the client uses as its REST base.</summary>
    public string ApiBaseUrl => BaseUrl + "/api/v10";

    /// <summary>"ws://127.0.0.1:&lt;port&gt;/gateway", as GET /gateway/bot reports it (without the query).</summary>
    public string GatewayUrl => "ws" + BaseUrl["http".Length..] + "/gateway";

    /// <summary>"ws://127.0.0.1:&lt;port&gt;/resume", as READY's resume_gateway_url reports it.</summary>
    public string ResumeGatewayUrl => "ws" + BaseUrl["http".Length..] + "/resume";

    /// <summary>The bot token REST (after "Bot ") and the gateway (Identify/Resume) accept.</summary>
    public string Token { get; set; } = "fake-bot-token";

    public string ApplicationId { get; set; } = "1380000000000000001";

    public string BotUserId { get; set; } = "1380000000000000002";

    /// <summary>Helpers that build realistic INTERACTION_CREATE, MESSAGE_CREATE and GUILD_MEMBER_ADD payloads.</summary>
    public Interactions Interactions { get; }

    /// <summary>
    /// Every violation the OpenAPI validator (when the spec is present) and <see cref="DiscordLimitsValidator"/>
    /// found in a JSON body the fake received, as "METHOD /path: problem". Scenario tests assert it is empty.
    /// </summary>
    public IReadOnlyList<string> SpecViolations => [.. specViolations];

    public static async Task<FakeDiscord> StartAsync(TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeDiscord(app, timeProvider ?? TimeProvider.System);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single().TrimEnd('/');
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var connection in connections.Snapshot())
        {
            connection.Abort();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var connection in connections.Snapshot())
        {
            connection.Dispose();
        }

        stopping.Dispose();
    }

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A new snowflake id: milliseconds since the Discord epoch, shifted, plus an increment.</summary>
    public string NewSnowflake()
    {
        var ms = Math.Max(0, Now.ToUnixTimeMilliseconds() - 1420070400000L);
        var increment = Interlocked.Increment(ref nextSnowflakeIncrement) & 0xFFF;
        return ((ms << 22) | (1L << 17) | increment).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Validate every n-th JSON body (1: all of them). A load benchmark samples, so the fake's own CPU does not set the pace.</summary>
    public int ValidateEvery { get; set; } = 1;

    private void RecordViolations(string method, string path, JsonNode? body)
    {
        if (Interlocked.Increment(ref validationCounter) % Math.Max(1, ValidateEvery) != 0)
        {
            return;
        }

        try
        {
            var errors = SpecLocation.Path is null ? [] : OpenApiRequestValidator.Validate(method, path, body);
            foreach (var error in errors.Concat(DiscordLimitsValidator.Validate(method, path, body)))
            {
                specViolations.Enqueue($"{method} {path}: {error}");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            // A body shaped so oddly that a validator trips over it is itself worth a failing assertion.
            specViolations.Enqueue($"{method} {path}: could not validate ({e.GetType().Name}: {e.Message})");
        }
    }
}
