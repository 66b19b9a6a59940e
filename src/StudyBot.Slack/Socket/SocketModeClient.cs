using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Time;
using StudyBot.Slack.Api;

namespace StudyBot.Slack.Socket;

/// <summary>
/// Keeps one Socket Mode connection alive (docs: apis/events-api/using-socket-mode): a fresh URL from
/// apps.connections.open for every connection, usable after hello; every envelope acknowledged on its own socket within
/// the deadline; make-before-break on warning / refresh_requested / a stale link; backoff after drops; redeliveries
/// handled once; a refused token or link_disabled ends <see cref="RunAsync"/> with <see cref="SocketModeFatalException"/>.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The handler-slot SemaphoreSlim never hands out its AvailableWaitHandle, so it needs no disposing; disposing it while a late handler still releases its slot would throw.")]
public sealed partial class SocketModeClient
{
    private const string LinkDisabledMessage = "Socket Mode is switched off for this app (disconnect reason link_disabled); turn it on under Settings → Socket Mode";

    private readonly ISlackApi _api;
    private readonly Func<ISocketModeTransport> _transportFactory;
    private readonly ISocketModeHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SocketModeTimings _timings;
    private readonly RecentDeliveries _recent;
    private readonly SemaphoreSlim _handlerSlots;
    private readonly Lock _handlersLock = new();
    private readonly HashSet<Task> _handlers = [];
    private SocketModeConnection? _current;
    private int _connectionIds;
    private CancellationToken _stopping;

    public SocketModeClient(
        ISlackApi api,
        Func<ISocketModeTransport> transportFactory,
        ISocketModeHandler handler,
        TimeProvider timeProvider,
        ILogger<SocketModeClient> logger,
        SocketModeTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        _api = api;
        _transportFactory = transportFactory;
        _handler = handler;
        _time = timeProvider;
        _logger = logger;
        _timings = timings;
        _recent = new RecentDeliveries(timings.RecentDeliveries);
        _handlerSlots = new SemaphoreSlim(timings.MaxConcurrentHandlers, timings.MaxConcurrentHandlers);
    }

    /// <summary>True while a connection that has said hello is in use.</summary>
    public bool IsConnected => Volatile.Read(ref _current) is { } connection && connection.Hello.IsCompletedSuccessfully && !connection.IsGone;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (handlers finish, their acks go out, the socket is
    /// closed, and it returns) or Slack refuses the app for good (throws <see cref="SocketModeFatalException"/>).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        SocketModeConnection? active = null;
        try
        {
            var backoff = new ReconnectBackoff(_timings.InitialReconnectDelay, _timings.MaxReconnectDelay, _timings.Random);
            while (true)
            {
                var next = await ConnectAsync(backoff, active, cancellationToken);
                backoff.Reset();
                if (active is not null)
                {
                    Log.Replaced(_logger, active.Id, next.Id);
                    await RetireAsync(active);
                }

                active = next;
                Volatile.Write(ref _current, active);
                var signal = await active.Signal.WaitAsync(cancellationToken);
                if (active.LinkDisabled)
                {
                    throw Fatal("link_disabled", LinkDisabledMessage);
                }

                if (signal is ConnectionSignal.Dropped or ConnectionSignal.TooManyWebsockets)
                {
                    await RetireAsync(active);
                    Volatile.Write(ref _current, null);
                    active = null;
                    var delay = backoff.Next();
                    Log.Reconnecting(_logger, signal, delay);
                    await Task.Delay(delay, _time, cancellationToken);
                    continue;
                }

                // Refresh or stale: the old socket keeps serving until the next one has said hello.
                Log.Refreshing(_logger, active.Id, signal);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Stopping(_logger);
        }
        finally
        {
            Volatile.Write(ref _current, null);
            active?.StopAccepting();
            await WaitForHandlersAsync();
            if (active is not null)
            {
                await RetireAsync(active);
            }
        }
    }

    /// <summary>Gets a URL and connects until a connection says hello. Throws on fatal errors and on cancellation.</summary>
    private async Task<SocketModeConnection> ConnectAsync(ReconnectBackoff backoff, SocketModeConnection? previous, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (previous?.LinkDisabled == true)
            {
                throw Fatal("link_disabled", LinkDisabledMessage);
            }

            var open = await _api.CallAsync(SlackMethods.AppsConnectionsOpen.Name, null, cancellationToken);
            if (open.IsFatal)
            {
                throw Fatal(open.Error!, $"Slack refused apps.connections.open ({open.Error}: {SlackErrors.Describe(open.Error)}); check Slack:AppToken");
            }

            var url = open.Ok && open.Json?["url"]?.GetValueKind() == JsonValueKind.String
                && Uri.TryCreate((string?)open.Json["url"], UriKind.Absolute, out var parsed) && parsed.Scheme is "wss" or "ws"
                    ? parsed
                    : null;
            if (url is not null)
            {
                var connection = await OpenAsync(url, cancellationToken);
                if (connection is not null)
                {
                    return connection;
                }
            }
            else
            {
                Log.OpenFailed(_logger, open.Failure, open.Error);
            }

            var delay = backoff.Next();
            Log.RetryingConnect(_logger, delay);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>One connection attempt up to hello; null (and everything cleaned up) when it did not get there.</summary>
    private async Task<SocketModeConnection?> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        var connection = new SocketModeConnection(Interlocked.Increment(ref _connectionIds), _transportFactory());

        // The hello deadline runs from before the connect, so a connect that hangs is covered as well.
        using var helloTimeout = new CancellationTokenSource(_timings.HelloTimeout, _time);
        using var helloWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, helloTimeout.Token);
        var helloDeadline = Task.Delay(Timeout.InfiniteTimeSpan, helloWait.Token);
        Log.Connecting(_logger, connection.Id, url.Host);
        try
        {
            await connection.Transport.ConnectAsync(url, helloWait.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = ex.GetType().Name;
            Log.ConnectFailed(_logger, connection.Id, url.Host, error);
            await DisposeAsync(connection);
            return null;
        }
        catch (OperationCanceledException)
        {
            await DisposeAsync(connection);
            throw;
        }

        connection.Touch(_time.GetTimestamp());
        connection.Writer = RunWriterAsync(connection);
        connection.Reader = RunReaderAsync(connection);
        await Task.WhenAny(connection.Hello, connection.Signal, helloDeadline);
        await helloWait.CancelAsync(); // ends the deadline task; the connect is long done

        // Once hello came, the connection is the caller's even if it already has to go: the caller handles that signal.
        if (connection.Hello.IsCompletedSuccessfully)
        {
            Log.Connected(_logger, connection.Id, connection.Hello.Result.NumConnections);
            return connection;
        }

        if (connection.LinkDisabled)
        {
            await RetireAsync(connection);
            throw Fatal("link_disabled", LinkDisabledMessage);
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            var reason = connection.Signal.IsCompleted ? connection.Signal.Result.ToString() : "timeout";
            Log.NoHello(_logger, connection.Id, reason);
        }

        connection.StopAccepting();
        await RetireAsync(connection);
        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    private async Task RunWriterAsync(SocketModeConnection connection)
    {
        var stop = connection.StopWriting.Token;
        try
        {
            await foreach (var text in connection.Outgoing.ReadAllAsync(stop))
            {
                await connection.Transport.SendAsync(text, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Any send failure means the socket is gone: replace it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = ex.GetType().Name;
            Log.SendFailed(_logger, connection.Id, error);
            connection.Raise(ConnectionSignal.Dropped);
        }
    }

    private async Task RunReaderAsync(SocketModeConnection connection)
    {
        var stop = connection.StopReading.Token;
        try
        {
            while (true)
            {
                var frame = await connection.Transport.ReceiveAsync(stop);
                if (frame.IsClose)
                {
                    Log.Closed(_logger, connection.Id, frame.CloseCode);
                    connection.Raise(ConnectionSignal.Dropped);
                    return;
                }

                connection.Touch(_time.GetTimestamp());
                HandleFrame(connection, frame.Text!);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A transport that throws has lost the connection: same as a drop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = ex.GetType().Name;
            Log.ReceiveFailed(_logger, connection.Id, error);
            connection.Raise(ConnectionSignal.Dropped);
        }
    }

    private void HandleFrame(SocketModeConnection connection, string text)
    {
        switch (SocketMessageParser.Parse(text))
        {
            case HelloMessage hello:
                if (connection.SayHello(hello))
                {
                    var staleAfter = hello.ApproximateConnectionTime is { } planned ? planned + _timings.StaleMargin : _timings.StaleTimeout;
                    connection.Watchdog = WatchForStaleAsync(connection, staleAfter);
                }

                break;
            case DisconnectMessage disconnect:
                Log.Disconnect(_logger, connection.Id, disconnect.Reason);
                connection.Raise(SocketDisconnects.Classify(disconnect.Reason));
                break;
            case EnvelopeMessage { Envelope: var envelope }:
                Accept(connection, envelope);
                break;
            case UnreadableEnvelope unreadable:
                // Acknowledged so Slack does not send it again and again; nobody can handle it.
                Log.Unreadable(_logger, connection.Id, unreadable.EnvelopeId, unreadable.Problem);
                connection.TrySend(new JsonObject { ["envelope_id"] = unreadable.EnvelopeId }.ToJsonString());
                break;
            case UnknownMessage unknown:
                Log.UnknownMessage(_logger, connection.Id, unknown.Type);
                break;
            default:
                Log.Malformed(_logger, connection.Id, text.Length);
                break;
        }
    }

    private void Accept(SocketModeConnection connection, SocketEnvelope envelope)
    {
        if (!connection.Accepting)
        {
            // This socket is being closed: no ack can be promised, so Slack redelivers events on the new one.
            Log.NotAccepting(_logger, connection.Id, envelope.EnvelopeId, envelope.Type);
            return;
        }

        connection.AckOwed();
        var delivery = new SocketModeDelivery(envelope, connection.TrySend, (d, byClient) => OnAcknowledged(connection, d, byClient));
        if (!_recent.TryAdd(envelope.DeliveryKey))
        {
            Log.Redelivered(_logger, envelope.EnvelopeId, envelope.DeliveryKey, envelope.RetryAttempt, envelope.RetryReason);
            delivery.TryAcknowledge(null, byClient: true);
            return;
        }

        if (envelope.Type == SocketEnvelopeType.EventsApi)
        {
            // Events take no answer: acknowledging first means a slow handler never causes a retry.
            delivery.TryAcknowledge(null, byClient: true);
        }
        else
        {
            delivery.DeadlineTimer = _time.CreateTimer(
                static state => ((SocketModeDelivery)state!).TryAcknowledge(null, byClient: true),
                delivery,
                _timings.AckDeadline,
                Timeout.InfiniteTimeSpan);
        }

        Track(HandleAsync(delivery));
    }

    private void OnAcknowledged(SocketModeConnection connection, SocketModeDelivery delivery, bool byClient)
    {
        delivery.DeadlineTimer?.Dispose();
        if (byClient && delivery.Envelope.Type != SocketEnvelopeType.EventsApi && delivery.HandlerStarted && !delivery.HandlerFinished)
        {
            Log.AckedAtDeadline(_logger, delivery.Envelope.EnvelopeId, delivery.Envelope.Type, _timings.AckDeadline);
        }

        connection.AckSent();
    }

    private async Task HandleAsync(SocketModeDelivery delivery)
    {
        try
        {
            await _handlerSlots.WaitAsync(_stopping);
        }
        catch (OperationCanceledException)
        {
            // Shutting down before it started: no ack, so that Slack can deliver it again (events are retried).
            delivery.Abandon();
            return;
        }

        if (_stopping.IsCancellationRequested)
        {
            // The slot came free only because shutdown cancelled the handler holding it.
            _handlerSlots.Release();
            delivery.Abandon();
            return;
        }

        try
        {
            delivery.HandlerStarted = true;
            await _handler.HandleAsync(delivery, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // One bad envelope must not take the connection down; the handler's bug is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, delivery.Envelope.EnvelopeId, delivery.Envelope.Type, ex);
        }
        finally
        {
            delivery.HandlerFinished = true;
            _handlerSlots.Release();
            // A handler that returns without acknowledging gets the bare ack now rather than at the deadline.
            delivery.TryAcknowledge(null, byClient: true);
        }
    }

    private void Track(Task task)
    {
        lock (_handlersLock)
        {
            _handlers.Add(task);
        }

        task.ContinueWith(
            t =>
            {
                lock (_handlersLock)
                {
                    _handlers.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task WaitForHandlersAsync()
    {
        Task[] running;
        lock (_handlersLock)
        {
            running = [.. _handlers];
        }

        await Task.WhenAll(running);
    }

    private async Task WatchForStaleAsync(SocketModeConnection connection, TimeSpan staleAfter)
    {
        var stop = connection.StopReading.Token;
        try
        {
            while (true)
            {
                var idle = _time.GetElapsedTime(connection.LastFrame);
                if (idle >= staleAfter)
                {
                    Log.Stale(_logger, connection.Id, idle);
                    connection.Raise(ConnectionSignal.Stale);
                    return;
                }

                await TimerWait.DelayAsync(staleAfter - idle, _time, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Closes a connection without losing what it owes: first its outstanding acks go out (bounded by the drain
    /// timeout; the ack deadline makes sure they come), then it stops taking envelopes, then the queue is flushed and
    /// a close frame sent. A connection that is already gone is only cleaned up.
    /// </summary>
    private async Task RetireAsync(SocketModeConnection connection)
    {
        // A dropped socket can send nothing: waiting for its acks would only hold up the reconnect.
        if (!connection.IsGone)
        {
            await WaitBoundedAsync(connection.AcksDone(), _timings.DrainTimeout);
            connection.StopAccepting();
            await WaitBoundedAsync(connection.AcksDone(), _timings.DrainTimeout);
        }

        connection.StopAccepting();

        connection.CompleteSending();
        if (!await WaitBoundedAsync(connection.Writer, _timings.CloseTimeout))
        {
            await connection.StopWriting.CancelAsync();
        }

        await connection.Writer;
        try
        {
            using var closeTimeout = new CancellationTokenSource(_timings.CloseTimeout, _time);
            await connection.Transport.CloseAsync(closeTimeout.Token);
        }
#pragma warning disable CA1031 // The connection is being thrown away; failing to say goodbye changes nothing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var error = ex.GetType().Name;
            Log.CloseFailed(_logger, connection.Id, error);
        }

        // The server answers a close frame with its own, which ends the reader; a dead one never does.
        await WaitBoundedAsync(connection.Reader, _timings.CloseTimeout);
        await connection.StopReading.CancelAsync();
        await Task.WhenAll(connection.Reader, connection.Watchdog);
        await DisposeAsync(connection);
        Log.Retired(_logger, connection.Id);
    }

    private static async Task DisposeAsync(SocketModeConnection connection)
    {
        await connection.Transport.DisposeAsync();
        connection.DisposeTokens();
    }

    /// <returns>True when <paramref name="task"/> finished within <paramref name="timeout"/>.</returns>
    private async Task<bool> WaitBoundedAsync(Task task, TimeSpan timeout)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        using var cancel = new CancellationTokenSource();
        var timer = Task.Delay(timeout, _time, cancel.Token);
        var first = await Task.WhenAny(task, timer);
        await cancel.CancelAsync();
        return first == task;
    }

    private SocketModeFatalException Fatal(string error, string message)
    {
        Log.Fatal(_logger, error, message);
        return new SocketModeFatalException(error, message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: connecting to {Host}")]
        public static partial void Connecting(ILogger logger, int connection, string host);

        [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} is up (hello; {NumConnections} connections open)")]
        public static partial void Connected(ILogger logger, int connection, int? numConnections);

        [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} to {Host} failed ({Error})")]
        public static partial void ConnectFailed(ILogger logger, int connection, string host, string error);

        [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} gave no hello ({Reason}); giving it up")]
        public static partial void NoHello(ILogger logger, int connection, string reason);

        [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "apps.connections.open failed ({Failure}, {Error})")]
        public static partial void OpenFailed(ILogger logger, SlackApiFailure failure, string? error);

        [LoggerMessage(EventId = 8105, Level = LogLevel.Information, Message = "Connecting again to Socket Mode in {Delay}")]
        public static partial void RetryingConnect(ILogger logger, TimeSpan delay);

        [LoggerMessage(EventId = 8106, Level = LogLevel.Warning, Message = "Socket Mode connection lost ({Signal}); reconnecting in {Delay}")]
        public static partial void Reconnecting(ILogger logger, ConnectionSignal signal, TimeSpan delay);

        [LoggerMessage(EventId = 8107, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} must be replaced ({Signal}); opening the next one first")]
        public static partial void Refreshing(ILogger logger, int connection, ConnectionSignal signal);

        [LoggerMessage(EventId = 8108, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} replaced by {Next}")]
        public static partial void Replaced(ILogger logger, int connection, int next);

        [LoggerMessage(EventId = 8109, Level = LogLevel.Information, Message = "Socket Mode connection {Connection}: disconnect ({Reason})")]
        public static partial void Disconnect(ILogger logger, int connection, string reason);

        [LoggerMessage(EventId = 8110, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} closed (code {CloseCode})")]
        public static partial void Closed(ILogger logger, int connection, int? closeCode);

        [LoggerMessage(EventId = 8111, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: sending failed ({Error})")]
        public static partial void SendFailed(ILogger logger, int connection, string error);

        [LoggerMessage(EventId = 8112, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: receiving failed ({Error})")]
        public static partial void ReceiveFailed(ILogger logger, int connection, string error);

        [LoggerMessage(EventId = 8113, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: no frame for {Idle}; the link looks dead")]
        public static partial void Stale(ILogger logger, int connection, TimeSpan idle);

        [LoggerMessage(EventId = 8114, Level = LogLevel.Information, Message = "Dropped redelivered envelope {EnvelopeId} ({DeliveryKey}, retry {RetryAttempt}, {RetryReason}): already handled")]
        public static partial void Redelivered(ILogger logger, string envelopeId, string deliveryKey, int retryAttempt, string? retryReason);

        [LoggerMessage(EventId = 8115, Level = LogLevel.Warning, Message = "Envelope {EnvelopeId} ({Type}) acknowledged bare at the {Deadline} deadline: its handler had not answered")]
        public static partial void AckedAtDeadline(ILogger logger, string envelopeId, SocketEnvelopeType type, TimeSpan deadline);

        [LoggerMessage(EventId = 8116, Level = LogLevel.Error, Message = "The handler for envelope {EnvelopeId} ({Type}) failed")]
        public static partial void HandlerFailed(ILogger logger, string envelopeId, SocketEnvelopeType type, Exception exception);

        [LoggerMessage(EventId = 8117, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: acknowledged an unreadable envelope {EnvelopeId} ({Problem})")]
        public static partial void Unreadable(ILogger logger, int connection, string envelopeId, string problem);

        [LoggerMessage(EventId = 8118, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: ignored a message of type {Type}")]
        public static partial void UnknownMessage(ILogger logger, int connection, string type);

        [LoggerMessage(EventId = 8119, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: skipped a malformed frame ({Length} characters)")]
        public static partial void Malformed(ILogger logger, int connection, int length);

        [LoggerMessage(EventId = 8120, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} is closing: envelope {EnvelopeId} ({Type}) left for Slack to deliver again")]
        public static partial void NotAccepting(ILogger logger, int connection, string envelopeId, SocketEnvelopeType type);

        [LoggerMessage(EventId = 8121, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection}: closing failed ({Error})")]
        public static partial void CloseFailed(ILogger logger, int connection, string error);

        [LoggerMessage(EventId = 8122, Level = LogLevel.Debug, Message = "Socket Mode connection {Connection} closed and released")]
        public static partial void Retired(ILogger logger, int connection);

        [LoggerMessage(EventId = 8123, Level = LogLevel.Critical, Message = "Slack refused the app for good ({Error}): {Reason}")]
        public static partial void Fatal(ILogger logger, string error, string reason);

        [LoggerMessage(EventId = 8124, Level = LogLevel.Information, Message = "Socket Mode client stopping")]
        public static partial void Stopping(ILogger logger);
    }
}
