using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StudyBot.Testing;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>
/// A loopback Slack: the Web API under /api/&lt;method&gt;, Socket Mode WebSockets under /link/, and response_url
/// endpoints, on 127.0.0.1 with a random port. It answers as docs/slack-protocol.md says Slack answers (HTTP 200
/// with ok:false error strings, 429 with Retry-After, hello/disconnect/envelopes/acks), records everything it
/// receives, checks every body carrying blocks or a view, and can be scripted per test. Time (ack deadlines,
/// retries, trigger expiry, rate-limit windows, response_url expiry, disconnect grace) comes from the
/// TimeProvider given to <see cref="StartAsync"/>.
/// </summary>
public sealed partial class FakeSlack : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeSlackUser> users = [];
    private readonly Dictionary<string, FakeSlackChannel> channels = [];
    private readonly AsyncLog<SlackViolation> violations = new();
    private readonly HashSet<Task> background = [];
    private readonly List<ITimer> timers = [];
    private long idCounter;
    private long lastTsMicros;

    private FakeSlack(WebApplication app, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        Payloads = new SlackPayloads(this);
        RateLimits = new FakeSlackRateLimits();
        users[DefaultUserId] = new FakeSlackUser(DefaultUserId);
    }

    /// <summary>The user the payload builders act as unless told otherwise; users.info knows them from the start.</summary>
    public const string DefaultUserId = "U0STUDENT1";

    /// <summary>The channel the payload builders use unless told otherwise.</summary>
    public const string DefaultChannelId = "C0STUDY001";

    /// <summary>"http://127.0.0.1:&lt;port&gt;"</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>"http://127.0.0.1:&lt;port&gt;/api/": what the client puts where it would put "https://slack.com/api/".</summary>
    public string ApiBaseUrl => BaseUrl + "/api/";

    /// <summary>The bot token (xoxb-) every method but apps.connections.open wants as "Authorization: Bearer …".</summary>
    public string BotToken { get; set; } = "xoxb-0000000001-0000000002-fakebottoken";

    /// <summary>The app-level token (xapp-) apps.connections.open wants.</summary>
    public string AppToken { get; set; } = "xapp-1-A0STUDYBOT-0000000003-fakeapptoken";

    public string TeamId { get; set; } = "T0STUDY001";

    public string TeamDomain { get; set; } = "studyteam";

    public string TeamName { get; set; } = "Study Team";

    /// <summary>Set for an Enterprise Grid org: payloads then carry enterprise_id/enterprise_name.</summary>
    public string? EnterpriseId { get; set; }

    public string AppId { get; set; } = "A0STUDYBOT";

    /// <summary>The bot's user id, as auth.test reports it and bot messages carry it.</summary>
    public string BotUserId { get; set; } = "U0STUDYBOT";

    public string BotId { get; set; } = "B0STUDYBOT";

    public string BotName { get; set; } = "studybot";

    /// <summary>Builders for envelopes shaped exactly as Slack sends them.</summary>
    public SlackPayloads Payloads { get; }

    /// <summary>The rate limits the Web API enforces (on by default, documented numbers).</summary>
    public FakeSlackRateLimits RateLimits { get; }

    /// <summary>How many 429s the fake has answered (rate limits and scripted ones); per method: RateLimits.TooManyRequestsFor.</summary>
    public int TooManyRequestsSent => RateLimits.TooManyRequestsSent;

    /// <summary>
    /// Everything the Block Kit validator found in bodies the fake received (messages, views, response_url posts,
    /// ack payloads), plus misuse it noticed elsewhere. Rejected ones also made the fake refuse the call.
    /// A well-behaved bot leaves it empty.
    /// </summary>
    public IReadOnlyList<SlackViolation> Violations => violations.Snapshot();

    public Task<SlackViolation> WaitForViolationAsync(Func<SlackViolation, bool> predicate, TimeSpan? timeout = null) =>
        violations.WaitForAsync(predicate, timeout ?? DefaultTimeout, "a matching violation");

    public static async Task<FakeSlack> StartAsync(TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSlack(app, timeProvider ?? TimeProvider.System);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single().TrimEnd('/');
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        lock (gate)
        {
            foreach (var timer in timers)
            {
                timer.Dispose();
            }

            timers.Clear();
        }

        foreach (var connection in connections.Snapshot())
        {
            lock (gate)
            {
                if (connection.End == ConnectionEnd.None)
                {
                    connection.Drop(Now);
                }
            }
        }

        Task[] pending;
        lock (background)
        {
            pending = [.. background];
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(DefaultTimeout);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or System.Net.WebSockets.WebSocketException or IOException)
        {
            // Background sends cut short by the shutdown have nothing left to report.
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

    /// <summary>Adds or replaces a workspace member (users.info, conversations.open, chat.postEphemeral know them).</summary>
    public void AddUser(FakeSlackUser user)
    {
        lock (gate)
        {
            users[user.Id] = user;
        }
    }

    public FakeSlackUser? User(string userId)
    {
        lock (gate)
        {
            return users.GetValueOrDefault(userId);
        }
    }

    /// <summary>The scriptable state of a conversation, created (existing, bot a member, not archived) on first use.</summary>
    public FakeSlackChannel Channel(string channelId)
    {
        lock (gate)
        {
            return ChannelLocked(channelId);
        }
    }

    private FakeSlackChannel ChannelLocked(string channelId)
    {
        if (!channels.TryGetValue(channelId, out var channel))
        {
            channel = new FakeSlackChannel(channelId);
            channels[channelId] = channel;
        }

        return channel;
    }

    /// <summary>A message ts: epoch seconds "." six digits, unique and increasing (a string, never a float).</summary>
    internal string NewTs()
    {
        var micros = Now.ToUnixTimeMilliseconds() * 1000;
        lock (gate)
        {
            lastTsMicros = Math.Max(micros, lastTsMicros + 1);
            micros = lastTsMicros;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    /// <summary>An opaque id with Slack's leading letter (V for views, D for DMs …).</summary>
    internal string NewId(string prefix) =>
        prefix + "0F" + Interlocked.Increment(ref idCounter).ToString("D8", CultureInfo.InvariantCulture);

    internal void Record(IEnumerable<SlackViolation> found)
    {
        foreach (var violation in found)
        {
            violations.Add(violation);
        }
    }

    internal void Record(string source, string pointer, string problem, ViolationKind kind) =>
        violations.Add(new SlackViolation(source, pointer, problem, kind));

    /// <summary>Runs <paramref name="work"/> in the background, tracked so that disposing the fake waits for it.</summary>
    private void Track(Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException or IOException)
            {
                // The fake is shutting down or the connection went away mid-send.
            }
        });
        lock (background)
        {
            background.Add(task);
        }

        task.ContinueWith(
            finished =>
            {
                lock (background)
                {
                    background.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Runs <paramref name="work"/> in the background once <paramref name="delay"/> has passed on the fake's clock.</summary>
    private void After(TimeSpan delay, Func<Task> work)
    {
        if (delay <= TimeSpan.Zero)
        {
            Track(work);
            return;
        }

        After(delay, () => Track(work));
    }

    /// <summary>
    /// Runs <paramref name="action"/> once <paramref name="delay"/> has passed on the fake's clock. On a
    /// FakeTimeProvider it runs inside Advance, so whatever it decides (a missed deadline, the next retry's timer)
    /// is in place when Advance returns.
    /// </summary>
    private void After(TimeSpan delay, Action action)
    {
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            ITimer? timer = null;
            timer = time.CreateTimer(
                _ =>
                {
                    lock (gate)
                    {
                        if (!timers.Remove(timer!))
                        {
                            return;
                        }
                    }

                    timer!.Dispose();
                    if (!stopping.IsCancellationRequested)
                    {
                        action();
                    }
                },
                null,
                delay <= TimeSpan.Zero ? TimeSpan.Zero : delay,
                Timeout.InfiniteTimeSpan);
            timers.Add(timer);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/link" or "/link/")
        {
            await HandleSocketAsync(context);
        }
        else if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await HandleApiAsync(context, path["/api/".Length..]);
        }
        else if (path.StartsWith("/commands/", StringComparison.Ordinal) || path.StartsWith("/actions/", StringComparison.Ordinal))
        {
            await HandleResponseUrlAsync(context, path);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private static JsonObject Ok() => new() { ["ok"] = true };
}
