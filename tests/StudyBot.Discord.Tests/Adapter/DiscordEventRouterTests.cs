using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Events;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>The router's own work: bounded, tracked, and on shutdown drained (with a time limit) rather than dropped.</summary>
public sealed class DiscordEventRouterTests : IDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<DiscordEventRouter> log = new();
    private readonly GatedHandler interactions = new();
    private readonly GatedHandler guilds = new();
    private readonly ServiceProvider services;
    private readonly DiscordEventRouter router;

    public DiscordEventRouterTests()
    {
        var collection = new ServiceCollection();
        collection.AddKeyedSingleton<IDiscordDispatchHandler>(DiscordEvents.InteractionCreate, interactions);
        collection.AddKeyedSingleton<IDiscordDispatchHandler>(DiscordEvents.GuildCreate, guilds);
        services = collection.BuildServiceProvider();
        router = new DiscordEventRouter(
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IServiceProviderIsKeyedService>(),
            Options.Create(new DiscordOptions { MaxConcurrentEvents = 2, ShutdownDrainTimeout = DrainTimeout }),
            clock,
            log);
    }

    public void Dispose()
    {
        router.Dispose();
        services.Dispose();
    }

    /// <summary>Each dispatch waits until the test releases it (or its token is cancelled), recording the token it got.</summary>
    private sealed class GatedHandler : IDiscordDispatchHandler
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource> gates = new();

        public AsyncLog<(long Sequence, CancellationToken Token)> Started { get; } = new();

        public ConcurrentQueue<(long Sequence, bool Cancelled)> Ended { get; } = new();

        public TaskCompletionSource Gate(long sequence) =>
            gates.GetOrAdd(sequence, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
        {
            Started.Add((dispatch.Sequence, cancellationToken));
            try
            {
                await Gate(dispatch.Sequence).Task.WaitAsync(cancellationToken);
                Ended.Enqueue((dispatch.Sequence, false));
            }
            catch (OperationCanceledException)
            {
                Ended.Enqueue((dispatch.Sequence, true));
                throw;
            }
        }

        public Task<(long Sequence, CancellationToken Token)> WaitForStartedAsync(int count) => Started.WaitForIndexAsync(count - 1, TimeSpan.FromSeconds(10), $"{count} started dispatches");
    }

    private static GatewayDispatch Dispatch(string type, long sequence) =>
        new(type, JsonDocument.Parse("{}").RootElement.Clone(), sequence, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task DrainAsync_InteractionInFlight_WaitsUntilItFinishesUncancelled()
    {
        using var gatewayStopping = new CancellationTokenSource();
        await router.HandleAsync(Dispatch(DiscordEvents.InteractionCreate, 1), gatewayStopping.Token);
        await interactions.WaitForStartedAsync(1);

        // The gateway stops (its token is cancelled) and the host drains: the answer in flight must go on.
        await gatewayStopping.CancelAsync();
        var drain = router.DrainAsync(CancellationToken.None);
        var drainedEarly = drain.IsCompleted;
        interactions.Gate(1).SetResult();
        await drain.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(drainedEarly);
        Assert.Equal((1L, false), Assert.Single(interactions.Ended));
        Assert.False(interactions.Started.Snapshot().Single().Token.IsCancellationRequested);
        Assert.Equal(0, router.InFlight);
    }

    [Fact]
    public async Task HandleAsync_AfterTheDrainBegan_NewDispatchesAreNotStarted()
    {
        await router.DrainAsync(CancellationToken.None);

        await router.HandleAsync(Dispatch(DiscordEvents.InteractionCreate, 1), CancellationToken.None);

        Assert.Equal(0, interactions.Started.Count);
        Assert.True(log.Has(6603));
    }

    [Fact]
    public async Task HandleAsync_MoreThanTheLimit_TheNextWaitsForAFreeSlot()
    {
        await router.HandleAsync(Dispatch(DiscordEvents.InteractionCreate, 1), CancellationToken.None);
        await router.HandleAsync(Dispatch(DiscordEvents.InteractionCreate, 2), CancellationToken.None);
        var third = router.HandleAsync(Dispatch(DiscordEvents.InteractionCreate, 3), CancellationToken.None);
        await interactions.WaitForStartedAsync(2);
        var waitedForASlot = !third.IsCompleted;

        interactions.Gate(1).SetResult();
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        await interactions.WaitForStartedAsync(3);
        interactions.Gate(2).SetResult();
        interactions.Gate(3).SetResult();
        await router.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waitedForASlot);
        Assert.Equal(3, interactions.Ended.Count);
    }

    [Fact]
    public async Task DrainAsync_WorkOutlastsTheTimeLimit_IsCancelledAndLogged()
    {
        await router.HandleAsync(Dispatch(DiscordEvents.InteractionCreate, 1), CancellationToken.None);
        await interactions.WaitForStartedAsync(1);

        var drain = router.DrainAsync(CancellationToken.None);
        clock.Advance(DrainTimeout);
        await drain.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(interactions.Started.Snapshot().Single().Token.IsCancellationRequested);
        Assert.True(log.Has(6602));
    }

    [Fact]
    public async Task HandleAsync_StateEvent_IsHandledBeforeTheNextDispatchIsTaken()
    {
        var handling = router.HandleAsync(Dispatch(DiscordEvents.GuildCreate, 1), CancellationToken.None);
        await guilds.WaitForStartedAsync(1);
        var inOrder = !handling.IsCompleted;

        guilds.Gate(1).SetResult();
        await handling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(inOrder);
        Assert.Equal(0, router.InFlight);
    }

    [Fact]
    public async Task HandleAsync_EventWithoutAHandler_IsIgnored()
    {
        await router.HandleAsync(Dispatch("TYPING_START", 1), CancellationToken.None);

        Assert.Equal(0, router.InFlight);
        Assert.Equal(0, interactions.Started.Count);
    }
}
