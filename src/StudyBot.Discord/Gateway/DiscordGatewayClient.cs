using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Time;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Gateway;

/// <summary>
/// Keeps one gateway session alive (docs: events/gateway): identify, heartbeat, resume after drops,
/// identify afresh when the session is gone, stop on fatal close codes. Every dispatch goes to the
/// <see cref="IGatewayDispatchHandler"/>, in order, off the receive loop.
/// </summary>
public sealed partial class DiscordGatewayClient
{
    private const int PlannedCloseCode = 4000; // anything but 1000/1001, which would end the session
    private const int NormalCloseCode = 1000;

    private readonly Func<IGatewayTransport> _transportFactory;
    private readonly IDiscordRest _rest;
    private readonly IGatewayDispatchHandler _handler;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GatewayTimings _timings;
    private readonly GatewaySession _session = new();
    private ulong _applicationId;

    public DiscordGatewayClient(
        Func<IGatewayTransport> transportFactory,
        IDiscordRest rest,
        IGatewayDispatchHandler handler,
        IOptions<DiscordOptions> options,
        TimeProvider timeProvider,
        ILogger<DiscordGatewayClient> logger)
        : this(transportFactory, rest, handler, options, timeProvider, logger, GatewayTimings.Default)
    {
    }

    internal DiscordGatewayClient(
        Func<IGatewayTransport> transportFactory,
        IDiscordRest rest,
        IGatewayDispatchHandler handler,
        IOptions<DiscordOptions> options,
        TimeProvider timeProvider,
        ILogger logger,
        GatewayTimings timings)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transportFactory = transportFactory;
        _rest = rest;
        _handler = handler;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _timings = timings;
    }

    /// <summary>The current session from READY; null before the first READY and after the session was lost.</summary>
    public string? SessionId => _session.SessionId;

    /// <summary>The bot's application id from READY (<c>d.application.id</c>).</summary>
    public ulong? ApplicationId => Volatile.Read(ref _applicationId) is var id && id != 0 ? id : null;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (then closes with 1000 and returns) or
    /// Discord refuses the bot for good (throws <see cref="GatewayFatalException"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The delivery loop waiting for the next dispatch runs on the receive loop's thread when one arrives, rather than
        // waking another thread for it: delivery only hands concurrent events on (the router runs them on the pool).
        var dispatches = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        var pump = DeliverDispatchesAsync(dispatches.Reader, cancellationToken);
        try
        {
            await ConnectLoopAsync(dispatches.Writer, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Stopped(_logger);
        }
        finally
        {
            dispatches.Writer.TryComplete();
            await pump;
        }
    }

    private async Task ConnectLoopAsync(ChannelWriter<GatewayDispatch> dispatches, CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_timings.InitialReconnectDelay, _timings.MaxReconnectDelay, _timings.Random);
        var gatewayUrl = await GetGatewayUrlAsync(backoff, cancellationToken);
        backoff.Reset();
        while (true)
        {
            var resumeFrom = _session.CanResume ? _session.SessionId : null;
            var url = GatewayPayloads.WithVersion(resumeFrom is null ? gatewayUrl : _session.ResumeUrl!);
            var result = await RunConnectionAsync(url, resumeFrom, dispatches, cancellationToken);
            if (result.End == ConnectionEnd.Shutdown)
            {
                Log.Stopped(_logger);
                return;
            }

            if (result.SessionUp)
            {
                backoff.Reset();
            }

            var action = result.End switch
            {
                ConnectionEnd.Closed => GatewayCloseCodes.Classify(result.CloseCode),
                ConnectionEnd.InvalidSession => result.Resumable ? GatewayCloseAction.Resume : GatewayCloseAction.NewSession,
                // Op 7, a dead connection, no Hello, a failed connect or send: the session is still ours to resume.
                _ => GatewayCloseAction.Resume,
            };

            switch (action)
            {
                case GatewayCloseAction.Fatal:
                    var code = result.CloseCode ?? 0;
                    var reason = GatewayCloseCodes.DescribeFatal(code);
                    Log.Fatal(_logger, code, reason);
                    throw new GatewayFatalException(code, reason);
                case GatewayCloseAction.NewSession:
                    _session.Clear();
                    break;
                case GatewayCloseAction.Resume when resumeFrom is not null && !result.SessionUp:
                    // Resume loops are a known trap: after two failed resumes, start over with Identify.
                    if (++_session.FailedResumes >= 2)
                    {
                        Log.ResumeGaveUp(_logger);
                        _session.Clear();
                    }

                    break;
            }

            var delay = result.End == ConnectionEnd.InvalidSession && !result.Resumable
                ? InvalidSessionDelay()
                : backoff.Next();
            var next = _session.CanResume ? "resuming" : "identifying";
            Log.Reconnecting(_logger, result.End, result.CloseCode, next, delay);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private TimeSpan InvalidSessionDelay()
    {
        var min = _timings.MinInvalidSessionDelay;
        return min + ((_timings.MaxInvalidSessionDelay - min) * _timings.Random());
    }

    /// <summary><c>GET gateway/bot</c> once per run; its URL is cached for every fresh identify.</summary>
    private async Task<string> GetGatewayUrlAsync(ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await _rest.SendAsync(HttpMethod.Get, "gateway/bot", null, cancellationToken);
            if (response.IsSuccess
                && response.Body is JsonObject body
                && body.TryGetPropertyValue("url", out var node)
                && node is JsonValue value
                && value.TryGetValue(out string? url)
                && Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                return url;
            }

            if (response.Failure == RestFailure.Unauthorized)
            {
                const string reason = "Discord rejected the bot token (401 on GET gateway/bot). Check Discord__Token.";
                Log.Fatal(_logger, response.StatusCode, reason);
                throw new GatewayFatalException(response.StatusCode, reason);
            }

            var delay = backoff.Next();
            Log.GatewayUrlFailed(_logger, response.StatusCode, response.Failure, delay);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>One connection from connect to close. Returns why it ended; never throws except on cancellation before connecting.</summary>
    private async Task<ConnectionResult> RunConnectionAsync(
        Uri url, string? resumeSessionId, ChannelWriter<GatewayDispatch> dispatches, CancellationToken cancellationToken)
    {
        var transport = _transportFactory();
        await using var disposeTransport = transport;
        var connection = new Connection(transport, new GatewaySendQueue(_time), resumeSessionId);
        var mode = resumeSessionId is null ? "identify" : "resume";
        Log.Connecting(_logger, url, mode);
        try
        {
            await transport.ConnectAsync(url, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ConnectFailed(_logger, url, ex);
            return new ConnectionResult(ConnectionEnd.Failed, null, false, false);
        }

        // Two separate stops: sending must end before the close frame goes out (never two sends at once),
        // and receiving must go on until then (cancelling a ClientWebSocket receive aborts the socket).
        using var stopSending = new CancellationTokenSource();
        using var stopReceiving = new CancellationTokenSource();
        connection.StopSending = stopSending.Token;
        var writer = RunWriterAsync(connection, stopSending.Token);
        var receiver = ReceiveLoopAsync(connection, dispatches, stopReceiving.Token);
        var helloWatch = WatchForHelloAsync(connection, stopSending.Token);

        ConnectionResult result;
        await using (cancellationToken.Register(() => connection.End(ConnectionEnd.Shutdown)))
        {
            result = await connection.Ended.Task;
        }

        await stopSending.CancelAsync();
        await Task.WhenAll(writer, helloWatch, connection.HeartbeatTask);
        try
        {
            using var closeTimeout = new CancellationTokenSource(_timings.CloseTimeout, _time);
            var closeCode = result.End == ConnectionEnd.Shutdown ? NormalCloseCode : PlannedCloseCode;
            await transport.CloseAsync(closeCode, closeTimeout.Token);
        }
#pragma warning disable CA1031 // The connection is being thrown away; failing to say goodbye changes nothing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CloseFailed(_logger, ex);
        }

        await stopReceiving.CancelAsync();
        await receiver;
        return result with { SessionUp = connection.SessionUp };
    }

    private async Task RunWriterAsync(Connection connection, CancellationToken stop)
    {
        try
        {
            await connection.Queue.RunAsync(connection.Transport, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Any send failure means the socket is gone: end this connection and reconnect.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.SendFailed(_logger, ex);
            connection.End(ConnectionEnd.Failed);
        }
    }

    private async Task ReceiveLoopAsync(Connection connection, ChannelWriter<GatewayDispatch> dispatches, CancellationToken stop)
    {
        try
        {
            while (!connection.Ended.Task.IsCompleted)
            {
                var frame = await connection.Transport.ReceiveAsync(stop);
                if (frame.IsClose)
                {
                    connection.End(ConnectionEnd.Closed, frame.CloseCode);
                    return;
                }

                HandlePayload(connection, frame.Text!, dispatches);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A transport that throws has lost the connection: same as a drop without a close code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReceiveFailed(_logger, ex);
            connection.End(ConnectionEnd.Closed);
        }
    }

    private async Task WatchForHelloAsync(Connection connection, CancellationToken stop)
    {
        try
        {
            await Task.Delay(_timings.HelloTimeout, _time, stop);
            if (!connection.HelloReceived)
            {
                Log.NoHello(_logger, _timings.HelloTimeout);
                connection.End(ConnectionEnd.NoHello);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void HandlePayload(Connection connection, string text, ChannelWriter<GatewayDispatch> dispatches)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            LogMalformed(text);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("op", out var opElement)
                || opElement.ValueKind != JsonValueKind.Number
                || !opElement.TryGetInt32(out var op))
            {
                LogMalformed(text);
                return;
            }

            var data = root.TryGetProperty("d", out var d) ? d : default;
            switch (op)
            {
                case GatewayOpCode.Dispatch:
                    if (!HandleDispatch(connection, root, data, dispatches))
                    {
                        LogMalformed(text);
                    }

                    break;
                case GatewayOpCode.Hello:
                    if (!HandleHello(connection, data))
                    {
                        LogMalformed(text);
                    }

                    break;
                case GatewayOpCode.HeartbeatAck:
                    connection.Heartbeat?.Acknowledge();
                    break;
                case GatewayOpCode.Heartbeat:
                    // The server asks for a heartbeat: answer at once, outside the regular schedule.
                    SendHeartbeat(connection);
                    break;
                case GatewayOpCode.Reconnect:
                    connection.End(ConnectionEnd.Reconnect);
                    break;
                case GatewayOpCode.InvalidSession:
                    connection.End(ConnectionEnd.InvalidSession, resumable: data.ValueKind == JsonValueKind.True);
                    break;
                default:
                    Log.UnknownOpCode(_logger, op);
                    break;
            }
        }
    }

    private bool HandleHello(Connection connection, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("heartbeat_interval", out var interval)
            || interval.ValueKind != JsonValueKind.Number
            || !interval.TryGetDouble(out var milliseconds)
            || milliseconds <= 0)
        {
            return false;
        }

        var firstHello = !connection.HelloReceived;
        connection.HelloReceived = true;
        connection.StartHeartbeat(new GatewayHeartbeat(TimeSpan.FromMilliseconds(milliseconds), _time), RunHeartbeatAsync);
        if (firstHello)
        {
            var payload = connection.ResumeSessionId is { } sessionId
                ? GatewayPayloads.Resume(_options.Token, sessionId, _session.Sequence)
                : GatewayPayloads.Identify(_options.Token, _options.Intents);
            Enqueue(connection, payload, isHeartbeat: false);
        }

        return true;
    }

    private async Task RunHeartbeatAsync(Connection connection, GatewayHeartbeat heartbeat, CancellationToken stop)
    {
        try
        {
            await heartbeat.RunAsync(_timings.Random(), () => SendHeartbeat(connection), stop);
            Log.Zombie(_logger, heartbeat.Interval);
            connection.End(ConnectionEnd.Zombie);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void SendHeartbeat(Connection connection) =>
        Enqueue(connection, GatewayPayloads.Heartbeat(_session.Sequence), isHeartbeat: true);

    private void Enqueue(Connection connection, string payload, bool isHeartbeat)
    {
        if (!connection.Queue.TryEnqueue(payload, isHeartbeat))
        {
            // Sending a payload over 4096 bytes would make Discord close with 4002.
            var bytes = Encoding.UTF8.GetByteCount(payload);
            Log.PayloadTooLarge(_logger, bytes);
        }
    }

    private bool HandleDispatch(Connection connection, JsonElement root, JsonElement data, ChannelWriter<GatewayDispatch> dispatches)
    {
        if (!root.TryGetProperty("t", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var type = typeElement.GetString()!;
        if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sequence))
        {
            _session.TrackSequence(sequence);
        }

        switch (type)
        {
            case "READY":
                if (!StartSession(data))
                {
                    return false;
                }

                connection.SessionUp = true;
                break;
            case "RESUMED":
                connection.SessionUp = true;
                _session.FailedResumes = 0;
                Log.Resumed(_logger);
                break;
        }

        dispatches.TryWrite(new GatewayDispatch(type, data.Clone(), _session.Sequence ?? 0, _time.GetUtcNow()));
        return true;
    }

    private bool StartSession(JsonElement ready)
    {
        if (ready.ValueKind != JsonValueKind.Object
            || !TryGetString(ready, "session_id", out var sessionId)
            || !TryGetString(ready, "resume_gateway_url", out var resumeUrl))
        {
            return false;
        }

        _session.Start(sessionId, resumeUrl);
        if (ready.TryGetProperty("application", out var application)
            && application.ValueKind == JsonValueKind.Object
            && TryGetString(application, "id", out var applicationId)
            && ulong.TryParse(applicationId, out var id))
        {
            Volatile.Write(ref _applicationId, id);
        }

        Log.Ready(_logger, applicationId: ApplicationId);
        return true;
    }

    private static bool TryGetString(JsonElement element, string name, out string value)
    {
        value = element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String
            ? property.GetString()!
            : "";
        return value.Length > 0;
    }

    private void LogMalformed(string text)
    {
        // A short excerpt is enough to recognise the payload; the token is blanked in case anything echoes it.
        var excerpt = text.Length > 120 ? text[..120] + "…" : text;
        if (_options.Token.Length > 0)
        {
            excerpt = excerpt.Replace(_options.Token, "[token]", StringComparison.Ordinal);
        }

        Log.Malformed(_logger, excerpt);
    }

    /// <summary>Delivers dispatches one at a time, in order, so a slow or failing handler never touches the receive loop.</summary>
    private async Task DeliverDispatchesAsync(ChannelReader<GatewayDispatch> reader, CancellationToken cancellationToken)
    {
        await foreach (var dispatch in reader.ReadAllAsync(CancellationToken.None))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                continue; // shutting down: what is left would only be handled half-way
            }

            try
            {
                await _handler.HandleAsync(dispatch, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // One bad event must not take the gateway down; the handler's bug is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.HandlerFailed(_logger, dispatch.Type, ex);
            }
        }
    }

    internal enum ConnectionEnd
    {
        Shutdown,
        /// <summary>The server closed (with its code) or the connection dropped (no code).</summary>
        Closed,
        Reconnect,
        InvalidSession,
        Zombie,
        NoHello,
        Failed,
    }

    private sealed record ConnectionResult(ConnectionEnd End, int? CloseCode, bool Resumable, bool SessionUp);

    /// <summary>The state of one connection; a new one per connect, so nothing stale carries over.</summary>
    private sealed class Connection(IGatewayTransport transport, GatewaySendQueue queue, string? resumeSessionId)
    {
        private CancellationTokenSource? _heartbeatStop;

        public IGatewayTransport Transport => transport;

        public GatewaySendQueue Queue => queue;

        public string? ResumeSessionId => resumeSessionId;

        public TaskCompletionSource<ConnectionResult> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken StopSending { get; set; }

        public GatewayHeartbeat? Heartbeat { get; private set; }

        public Task HeartbeatTask { get; private set; } = Task.CompletedTask;

        public bool HelloReceived { get; set; }

        public volatile bool SessionUp;

        /// <summary>The first reason wins: a close that follows an op 7 is still a reconnect.</summary>
        public void End(ConnectionEnd end, int? closeCode = null, bool resumable = false) =>
            Ended.TrySetResult(new ConnectionResult(end, closeCode, resumable, false));

        public void StartHeartbeat(GatewayHeartbeat heartbeat, Func<Connection, GatewayHeartbeat, CancellationToken, Task> run)
        {
            _heartbeatStop?.Cancel();
            _heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(StopSending);
            Heartbeat = heartbeat;
            HeartbeatTask = run(this, heartbeat, _heartbeatStop.Token);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Connecting to the Discord gateway at {Url} ({Mode})")]
        public static partial void Connecting(ILogger logger, Uri url, string mode);

        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Discord gateway session ready (application {ApplicationId})")]
        public static partial void Ready(ILogger logger, ulong? applicationId);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Discord gateway session resumed")]
        public static partial void Resumed(ILogger logger);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Gateway connection ended ({End}, close code {CloseCode}); {Next} in {Delay}")]
        public static partial void Reconnecting(ILogger logger, ConnectionEnd end, int? closeCode, string next, TimeSpan delay);

        [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "No heartbeat ACK within {Interval}: the connection looks dead; closing it to resume")]
        public static partial void Zombie(ILogger logger, TimeSpan interval);

        [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Skipped a malformed gateway payload: {Excerpt}")]
        public static partial void Malformed(ILogger logger, string excerpt);

        [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "Skipped a gateway payload with unknown opcode {OpCode}")]
        public static partial void UnknownOpCode(ILogger logger, int opCode);

        [LoggerMessage(EventId = 6107, Level = LogLevel.Error, Message = "The handler for gateway event {EventType} failed")]
        public static partial void HandlerFailed(ILogger logger, string eventType, Exception exception);

        [LoggerMessage(EventId = 6108, Level = LogLevel.Warning, Message = "Resuming failed twice in a row; identifying afresh")]
        public static partial void ResumeGaveUp(ILogger logger);

        [LoggerMessage(EventId = 6109, Level = LogLevel.Critical, Message = "The Discord gateway cannot be used (code {Code}): {Reason}")]
        public static partial void Fatal(ILogger logger, int code, string reason);

        [LoggerMessage(EventId = 6110, Level = LogLevel.Warning, Message = "GET gateway/bot failed ({StatusCode}, {Failure}); retrying in {Delay}")]
        public static partial void GatewayUrlFailed(ILogger logger, int statusCode, RestFailure failure, TimeSpan delay);

        [LoggerMessage(EventId = 6111, Level = LogLevel.Warning, Message = "Could not connect to the gateway at {Url}")]
        public static partial void ConnectFailed(ILogger logger, Uri url, Exception exception);

        [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "Sending to the gateway failed")]
        public static partial void SendFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 6113, Level = LogLevel.Warning, Message = "Receiving from the gateway failed")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 6114, Level = LogLevel.Warning, Message = "No Hello within {Timeout} of connecting; reconnecting")]
        public static partial void NoHello(ILogger logger, TimeSpan timeout);

        [LoggerMessage(EventId = 6115, Level = LogLevel.Debug, Message = "Closing the gateway connection failed")]
        public static partial void CloseFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 6117, Level = LogLevel.Error, Message = "Dropped an outgoing gateway payload of {Bytes} bytes: Discord accepts at most 4096")]
        public static partial void PayloadTooLarge(ILogger logger, int bytes);

        [LoggerMessage(EventId = 6116, Level = LogLevel.Information, Message = "Disconnected from the Discord gateway")]
        public static partial void Stopped(ILogger logger);
    }
}
