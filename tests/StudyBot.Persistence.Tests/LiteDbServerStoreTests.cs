using StudyBot.Core.Servers;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbServerStoreTests : IDisposable
{
    /// <summary>Digits above long.MaxValue, as Discord may send.</summary>
    private const string BigServer = "discord:18446744073709551615";

    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

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
            new DateTimeOffset(2026, 11, 24, 9, 15, 30, 250, TimeSpan.FromMinutes(330)).AddTicks(7));
        var plain = new ServerSettings(Answers.Server, "18", new TimeOnly(0, 0), "UTC", null, false, null, Answers.At);
        await _store.Servers.SaveAsync(paused, CancellationToken.None);
        await _store.Servers.SaveAsync(plain, CancellationToken.None);

        var loaded = await _store.Servers.GetAsync(BigServer, CancellationToken.None);

        Assert.Equal(paused, loaded);
        Assert.Equal(paused.ConfiguredAt.Offset, loaded!.ConfiguredAt.Offset);
        Assert.Equal(paused.ConfiguredAt.Ticks, loaded.ConfiguredAt.Ticks);
        Assert.Equal(plain, await _store.Servers.GetAsync(Answers.Server, CancellationToken.None));
        Assert.Null(await _store.Servers.GetAsync("discord:1100000000000000019", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_SameServerTwice_ReplacesAndGetAllListsEachOnce()
    {
        var first = new ServerSettings(Answers.Server, "18", new TimeOnly(8, 0), "UTC", null, false, null, Answers.At);
        var resumed = first with { PostTime = new TimeOnly(9, 45), PingRoleId = "99", Paused = false, PausedReason = null };
        await _store.Servers.SaveAsync(first with { Paused = true, PausedReason = "403" }, CancellationToken.None);
        await _store.Servers.SaveAsync(resumed, CancellationToken.None);
        await _store.Servers.SaveAsync(first with { ServerId = "slack:T0123ABCD" }, CancellationToken.None);

        var all = await _store.Servers.GetAllAsync(CancellationToken.None);

        Assert.Equal(2, all.Count);
        Assert.Equal(resumed, all.Single(s => s.ServerId == Answers.Server));
    }
}
