using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Events;

/// <summary>
/// Routes each gateway dispatch to the handler keyed by its event name, in a DI scope of its own. The gateway hands
/// dispatches over one at a time. State events (<see cref="DiscordEvents.HandledInOrder"/>) are handled right
/// there, in order; the others (interactions, messages) run concurrently, so that one slow command never makes
/// another interaction miss Discord's 3-second deadline. Those are owned here: at most
/// <see cref="DiscordOptions.MaxConcurrentEvents"/> at once (the gateway's delivery waits for a free slot), and on
/// shutdown <see cref="DrainAsync"/> stops taking new ones and lets those in flight finish before storage closes.
/// </summary>
public sealed partial class DiscordEventRouter : IGatewayDispatchHandler, IDisposable
{
    private readonly IServiceScopeFactory scopes;
    private readonly IServiceProviderIsKeyedService handlers;
    private readonly TimeProvider time;
    private readonly ILogger<DiscordEventRouter> logger;
    private readonly TimeSpan drainTimeout;
    private readonly SemaphoreSlim slots;

    // Cancelled only when the drain's time is up; until then a shutdown lets the work in flight finish normally.
    private readonly CancellationTokenSource abandon = new();
    private readonly Lock gate = new();
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;
    private bool draining;
    private bool disposed;

    public DiscordEventRouter(
        IServiceScopeFactory scopes,
        IServiceProviderIsKeyedService handlers,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordEventRouter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.scopes = scopes;
        this.handlers = handlers;
        this.time = time;
        this.logger = logger;
        drainTimeout = options.Value.ShutdownDrainTimeout;
        slots = new SemaphoreSlim(options.Value.MaxConcurrentEvents);
    }

    /// <summary>Dispatches being handled concurrently right now.</summary>
    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight;
            }
        }
    }

    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (!handlers.IsKeyedService(typeof(IDiscordDispatchHandler), dispatch.Type))
        {
            return;
        }

        if (DiscordEvents.HandledInOrder(dispatch.Type))
        {
            await RunAsync(dispatch, cancellationToken);
            return;
        }

        if (Volatile.Read(ref draining))
        {
            LogSkippedWhileStopping(dispatch.Type, dispatch.Sequence);
            return;
        }

        await slots.WaitAsync(cancellationToken);
        CancellationToken abandoned;
        lock (gate)
        {
            // Checked again: the drain may have begun while this waited for a slot.
            if (draining)
            {
                slots.Release();
                LogSkippedWhileStopping(dispatch.Type, dispatch.Sequence);
                return;
            }

            inFlight++;
            abandoned = abandon.Token;
        }

        // Tracked by inFlight and awaited by DrainAsync: the task ends by signalling, never by throwing.
        _ = Task.Run(() => RunTrackedAsync(dispatch, abandoned), CancellationToken.None);
    }

    /// <summary>
    /// Stops taking new dispatches and waits for those in flight, at most <see cref="DiscordOptions.ShutdownDrainTimeout"/>
    /// (or until <paramref name="cancellationToken"/>, the host's own shutdown limit); then cancels what is left.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        int pending;
        lock (gate)
        {
            draining = true;
            pending = inFlight;
            if (pending == 0)
            {
                idle.TrySetResult();
            }
        }

        if (pending > 0)
        {
            LogDraining(pending);
        }

        try
        {
            await idle.Task.WaitAsync(drainTimeout, time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogDrainTimedOut(InFlight, drainTimeout);
            await abandon.CancelAsync();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            // Work abandoned after the drain may still be ending; it must find the slots gone, not disposed under it.
            disposed = true;
            abandon.Dispose();
            slots.Dispose();
        }
    }

    private async Task RunTrackedAsync(GatewayDispatch dispatch, CancellationToken abandoned)
    {
        try
        {
            await RunAsync(dispatch, abandoned);
        }
        finally
        {
            lock (gate)
            {
                if (!disposed)
                {
                    slots.Release();
                }

                if (--inFlight == 0 && draining)
                {
                    idle.TrySetResult();
                }
            }
        }
    }

    private async Task RunAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredKeyedService<IDiscordDispatchHandler>(dispatch.Type);
            await handler.HandleAsync(dispatch, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, dispatch.Type, dispatch.Sequence);
        }
    }

    [LoggerMessage(EventId = 6600, Level = LogLevel.Error, Message = "Handling {EventType} (sequence {Sequence}) failed")]
    private partial void LogHandlerFailed(Exception exception, string eventType, long sequence);

    [LoggerMessage(EventId = 6601, Level = LogLevel.Information, Message = "Stopping: waiting for {Count} Discord events in flight to finish")]
    private partial void LogDraining(int count);

    [LoggerMessage(EventId = 6602, Level = LogLevel.Warning, Message = "Stopping: {Count} Discord events were still running after {Timeout}; cancelled")]
    private partial void LogDrainTimedOut(int count, TimeSpan timeout);

    [LoggerMessage(EventId = 6603, Level = LogLevel.Debug, Message = "Stopping: {EventType} (sequence {Sequence}) arrived too late and was not handled")]
    private partial void LogSkippedWhileStopping(string eventType, long sequence);
}
