using StudyBot.Core.Streaks;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IStreakLedger"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class StreakLedgerContract
{
    private const string Server = "discord:1100000000000000017";
    private const string OtherServer = "slack:T0STUDY001";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 7, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly Day = new(2026, 12, 8);

    private IStreakLedger? store;

    protected IStreakLedger Store => store ??= CreateStore();

    protected abstract IStreakLedger CreateStore();

    [Fact]
    public async Task AppendFreezeAsync_OncePerKindAndDate_AndReadBackByDateEarnedFirst()
    {
        Assert.True(await Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Used, Day.AddDays(1), At), default));
        Assert.True(await Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Used, Day, At), default));
        Assert.True(await Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Earned, Day, At), default));
        Assert.False(await Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Used, Day, At.AddHours(1)), default));

        var events = await Store.GetFreezesAsync(Server, "m1", default);

        Assert.Equal(
            [(FreezeEventKind.Earned, Day), (FreezeEventKind.Used, Day), (FreezeEventKind.Used, Day.AddDays(1))],
            events.Select(e => (e.Kind, e.Date)));
        Assert.Equal(At, events[0].RecordedAt);
        Assert.Equal(At.Offset, events[0].RecordedAt.Offset);
    }

    [Fact]
    public async Task AppendFreezeAsync_ConcurrentSameEvent_ExactlyOneAppended()
    {
        var store = Store; // one store for all eight: the lazy property is not itself thread-safe
        var appended = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Used, Day, At), default))));

        Assert.Equal(1, appended.Count(a => a));
        Assert.Single(await store.GetFreezesAsync(Server, "m1", default));
    }

    [Fact]
    public async Task GetSettingsAsync_NothingSaved_Default()
    {
        var settings = await Store.GetSettingsAsync(Server, "m1", default);

        Assert.False(settings.HiddenFromBoards);
        Assert.Empty(settings.ZoneChanges);
    }

    [Fact]
    public async Task SaveSettingsAsync_RoundTripsZoneChangesWithOffsets()
    {
        var change = new ZoneChange(At, At.AddHours(5), "Pacific/Auckland", null);
        await Store.SaveSettingsAsync(Server, "m1", new MemberStreakSettings(true, [change]), default);

        var settings = await Store.GetSettingsAsync(Server, "m1", default);

        Assert.True(settings.HiddenFromBoards);
        Assert.Equal([change], settings.ZoneChanges);
        Assert.Equal(At.Offset, settings.ZoneChanges[0].RequestedAt.Offset);
    }

    [Fact]
    public async Task GetHiddenAsync_OnlyThatServersHiddenMembers()
    {
        await Store.SaveSettingsAsync(Server, "m1", new MemberStreakSettings(true, []), default);
        await Store.SaveSettingsAsync(Server, "m2", new MemberStreakSettings(false, []), default);
        await Store.SaveSettingsAsync(OtherServer, "m3", new MemberStreakSettings(true, []), default);

        Assert.Equal(["m1"], await Store.GetHiddenAsync(Server, default));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheMembersFreezesAndSettings_CountsThem_LeavesOthers()
    {
        await Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Earned, Day, At), default);
        await Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Used, Day, At), default);
        await Store.SaveSettingsAsync(Server, "m1", new MemberStreakSettings(true, []), default);
        await Store.AppendFreezeAsync(Server, "m2", new FreezeEvent(FreezeEventKind.Earned, Day, At), default);
        await Store.AppendFreezeAsync(OtherServer, "m1", new FreezeEvent(FreezeEventKind.Earned, Day, At), default);

        Assert.Equal(3, await Store.DeleteAsync(Server, "m1", default));

        Assert.Empty(await Store.GetFreezesAsync(Server, "m1", default));
        Assert.False((await Store.GetSettingsAsync(Server, "m1", default)).HiddenFromBoards);
        Assert.Single(await Store.GetFreezesAsync(Server, "m2", default));
        Assert.Single(await Store.GetFreezesAsync(OtherServer, "m1", default));
    }

    [Fact]
    public async Task AppendFreezeAsync_CancelledToken_ThrowsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Store.AppendFreezeAsync(Server, "m1", new FreezeEvent(FreezeEventKind.Earned, Day, At), cancelled.Token));

        Assert.Empty(await Store.GetFreezesAsync(Server, "m1", default));
    }
}
