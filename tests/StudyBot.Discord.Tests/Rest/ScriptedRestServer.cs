using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StudyBot.Discord.Tests.Rest;

/// <summary>One request as the server saw it. Path is relative to /api/v10/; NthOnPath counts earlier requests to the same path.</summary>
internal sealed record RecordedRequest(TimeSpan At, string Method, string Path, int NthOnPath, IHeaderDictionary Headers, string Body);

/// <summary>
/// A loopback Kestrel server whose answers a test scripts, recording every request with its arrival time.
/// Just enough Discord for the REST client's tests; the full fake Discord lives elsewhere.
/// </summary>
internal sealed class ScriptedRestServer : IAsyncDisposable
{
    private const string Prefix = "/api/v10/";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];

    private ScriptedRestServer(WebApplication app, string apiBaseUrl)
    {
        _app = app;
        ApiBaseUrl = apiBaseUrl;
    }

    /// <summary>The base URL to give the client, with the /v10 it must keep.</summary>
    public string ApiBaseUrl { get; }

    /// <summary>Time since the server started, on the same clock as <see cref="RecordedRequest.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public static async Task<ScriptedRestServer> StartAsync(Func<HttpContext, RecordedRequest, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ScriptedRestServer? server = null;
        app.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            var recorded = server!.Record(context, body);
            await respond(context, recorded);
        });
        await app.StartAsync();
        server = new ScriptedRestServer(app, app.Urls.Single() + "/api/v10");
        return server;
    }

    public static async Task Respond(HttpContext context, int status, string? json = "{}", params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private RecordedRequest Record(HttpContext context, string body)
    {
        var path = context.Request.Path.Value ?? "";
        path = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path;
        // Kestrel reuses the request's header collection after the response, so keep a copy.
        var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        lock (_lock)
        {
            var recorded = new RecordedRequest(Now, context.Request.Method, path, _requests.Count(r => r.Path == path), headers, body);
            _requests.Add(recorded);
            return recorded;
        }
    }
}
