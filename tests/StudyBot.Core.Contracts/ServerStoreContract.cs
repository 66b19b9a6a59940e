using StudyBot.Core.Questions;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IServerStore"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class ServerStoreContract
{
    private const string ServerA = "discord:1100000000000000017";

    /// <summary>Digits above long.MaxValue: a Discord id that version 3 stored with a negative long's bits.</summary>
    private const string BigServer = "discord:18446744073709551615";

    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1));

    private IServerStore? store;

    /// <summary>The store under test, made once per test by <see cref="CreateStore"/>.</summary>
    protected IServerStore Store => store ??= CreateStore();

    /// <summary>A new, empty store.</summary>
    protected abstract IServerStore CreateStore();

    [Fact]
    public async Task GetAsync_NeverSaved_ReturnsNullAndGetAllIsEmpty()
    {
        Assert.Null(await Store.GetAsync(ServerA, CancellationToken.None));
        Assert.Empty(await Store.GetAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_EveryField_RoundTripsExactly()
    {
        var paused = new ServerSettings(
            BigServer,
            "1200000000000000001",
            new TimeOnly(7, 30, 15, 123, 456),
            "Asia/Kolkata",
            "1300000000000000002",
            true,
            "The bot cannot post in #daily (403).",
            new DateTimeOffset(2026, 11, 24, 9, 15, 30, 250, TimeSpan.FromMinutes(330)).AddTicks(7),
            QuestionSource.Own,
            FreezeLimit: 4,
            MilestoneRoles: "7=1300000000000000007;30=1300000000000000030",
            MilestonesPausedReason: "Paused: the bot may not manage roles (403).");
        var plain = new ServerSettings(ServerA, "18", new TimeOnly(0, 0), "UTC", null, false, null, At);
        await Store.SaveAsync(paused, CancellationToken.None);
        await Store.SaveAsync(plain, CancellationToken.None);

        var loaded = await Store.GetAsync(BigServer, CancellationToken.None);

        Assert.Equal(paused, loaded);
        Assert.Equal(paused.ConfiguredAt.Offset, loaded!.ConfiguredAt.Offset);
        Assert.Equal(paused.ConfiguredAt.Ticks, loaded.ConfiguredAt.Ticks);
        Assert.Equal(plain, await Store.GetAsync(ServerA, CancellationToken.None));
        Assert.Null(await Store.GetAsync("discord:1100000000000000019", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_SameServerTwice_ReplacesAndGetAllListsEachOnce()
    {
        var first = new ServerSettings(ServerA, "18", new TimeOnly(8, 0), "UTC", null, false, null, At);
        var resumed = first with { PostTime = new TimeOnly(9, 45), PingRoleId = "99" };
        var other = first with { ServerId = "slack:T0200ABCD" };
        await Store.SaveAsync(first with { Paused = true, PausedReason = "403" }, CancellationToken.None);
        await Store.SaveAsync(other, CancellationToken.None);
        await Store.SaveAsync(resumed, CancellationToken.None);

        var all = await Store.GetAllAsync(CancellationToken.None);

        Assert.Equal([resumed, other], all.OrderBy(s => s.ServerId, StringComparer.Ordinal));
        Assert.Equal(resumed, await Store.GetAsync(ServerA, CancellationToken.None));
    }

    [Theory]
    [InlineData(QuestionSource.Both)]
    [InlineData(QuestionSource.Guide)]
    [InlineData(QuestionSource.Own)]
    public async Task SaveAsync_QuestionSource_RoundTrips(QuestionSource source)
    {
        var settings = new ServerSettings(ServerA, "18", new TimeOnly(8, 0), "UTC", null, false, null, At, source);

        await Store.SaveAsync(settings, CancellationToken.None);

        Assert.Equal(source, (await Store.GetAsync(ServerA, CancellationToken.None))!.QuestionSource);
    }

    [Fact]
    public async Task SaveAsync_CancelledBeforeStart_FailsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var settings = new ServerSettings(ServerA, "18", new TimeOnly(8, 0), "UTC", null, false, null, At);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.SaveAsync(settings, cancelled.Token));

        Assert.Null(await Store.GetAsync(ServerA, CancellationToken.None));
    }
}
