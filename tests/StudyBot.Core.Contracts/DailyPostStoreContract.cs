using StudyBot.Core.Daily;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IDailyPostStore"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class DailyPostStoreContract
{
    protected const string Server = "discord:1200000000000000003";

    /// <summary>A server whose id has <see cref="Server"/>'s digits and more, above long.MaxValue: ids are opaque strings.</summary>
    protected const string BigServer = "discord:18446744073709551615";

    protected static readonly DateOnly Day1 = new(2026, 11, 24);

    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1));

    private IDailyPostStore? store;

    /// <summary>The store under test, made once per test by <see cref="CreateStore"/>.</summary>
    protected IDailyPostStore Store => store ??= CreateStore();

    /// <summary>A new, empty store.</summary>
    protected abstract IDailyPostStore CreateStore();

    [Fact]
    public async Task GetAsync_NeverClaimed_ReturnsNullAndNoHistory()
    {
        Assert.Null(await Store.GetAsync(Server, Day1, CancellationToken.None));
        Assert.Empty(await Store.GetHistoryAsync(Server, CancellationToken.None));
        Assert.False(await Store.RemoveSkipAsync(Server, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_FreeSlot_StoresAndReturnsTheProposal()
    {
        var proposed = Slot(Day1, 3);

        var claimed = await Store.ClaimAsync(proposed, CancellationToken.None);

        Assert.Equal(proposed, claimed);
        Assert.Equal(proposed, await Store.GetAsync(Server, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_SlotTaken_ReturnsTheStoredSlotUnchanged()
    {
        var first = await Store.ClaimAsync(Slot(Day1, 3), CancellationToken.None);

        var retry = await Store.ClaimAsync(Slot(Day1, 9) with { Nonce = "other", Status = DailySlotStatus.Skipped }, CancellationToken.None);

        Assert.Equal(Slot(Day1, 3), first);
        Assert.Equal(first, retry);
        Assert.Equal(first, await Store.GetAsync(Server, Day1, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_ConcurrentClaimsOfOneSlot_AllGetTheOneStoredSlot()
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(1, 8).Select(async question =>
        {
            await go.Task;
            return await Store.ClaimAsync(Slot(Day1, question), CancellationToken.None);
        }).ToList();

        go.SetResult();
        var results = await Task.WhenAll(claims);

        var stored = await Store.GetAsync(Server, Day1, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Enumerable.Repeat(stored, results.Length), results);
        Assert.Single(await Store.GetHistoryAsync(Server, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_AfterSending_ReplacesTheSlotKeepingEveryField()
    {
        var claimed = await Store.ClaimAsync(Slot(BigServer, Day1, 3), CancellationToken.None);
        var sent = claimed with
        {
            Status = DailySlotStatus.Sent,
            MessageId = "1300000000000000009",
            SentAt = new DateTimeOffset(2026, 11, 24, 14, 0, 4, TimeSpan.FromMinutes(330)).AddTicks(7),
        };

        await Store.UpdateAsync(sent, CancellationToken.None);

        var loaded = await Store.GetAsync(BigServer, Day1, CancellationToken.None);
        Assert.Equal(sent, loaded);
        Assert.Equal(sent.SentAt!.Value.Offset, loaded!.SentAt!.Value.Offset);
        Assert.Equal(sent.SentAt.Value.Ticks, loaded.SentAt.Value.Ticks);
        Assert.Equal(sent.ClaimedAt.Offset, loaded.ClaimedAt.Offset);
        Assert.Equal([sent], await Store.GetHistoryAsync(BigServer, CancellationToken.None));
    }

    [Fact]
    public async Task RemoveSkipAsync_OnlySkippedSlots_AreRemoved()
    {
        await Store.ClaimAsync(Slot(Day1, 3), CancellationToken.None);
        await Store.ClaimAsync(Slot(Day1.AddDays(1), null) with { Status = DailySlotStatus.Skipped }, CancellationToken.None);
        await Store.ClaimAsync(Slot(Day1.AddDays(2), null) with { Status = DailySlotStatus.Missed }, CancellationToken.None);
        await Store.ClaimAsync(Slot(Day1.AddDays(3), 4) with { Status = DailySlotStatus.Sent }, CancellationToken.None);

        Assert.False(await Store.RemoveSkipAsync(Server, Day1, CancellationToken.None));
        Assert.True(await Store.RemoveSkipAsync(Server, Day1.AddDays(1), CancellationToken.None));
        Assert.False(await Store.RemoveSkipAsync(Server, Day1.AddDays(2), CancellationToken.None));
        Assert.False(await Store.RemoveSkipAsync(Server, Day1.AddDays(3), CancellationToken.None));
        Assert.False(await Store.RemoveSkipAsync(Server, Day1.AddDays(4), CancellationToken.None));

        Assert.Equal([0, 2, 3], (await Store.GetHistoryAsync(Server, CancellationToken.None)).Select(s => s.LocalDate.DayNumber - Day1.DayNumber));
    }

    [Fact]
    public async Task GetHistoryAsync_ClaimedOutOfOrder_OldestFirstAndOnlyThatServer()
    {
        foreach (var offset in new[] { 3, 0, 400, 10, 1 })
        {
            await Store.ClaimAsync(Slot(Day1.AddDays(offset), offset), CancellationToken.None);
        }

        await Store.ClaimAsync(Slot("discord:1200000000000000004", Day1.AddDays(2), 1), CancellationToken.None);
        await Store.ClaimAsync(Slot("discord:120000000000000000", Day1.AddDays(2), 1), CancellationToken.None);
        await Store.ClaimAsync(Slot("slack:T1200000000000000003", Day1.AddDays(2), 1), CancellationToken.None);

        var history = await Store.GetHistoryAsync(Server, CancellationToken.None);

        Assert.Equal([0, 1, 3, 10, 400], history.Select(s => s.LocalDate.DayNumber - Day1.DayNumber));
        Assert.All(history, s => Assert.Equal(Server, s.ServerId));
    }

    [Fact]
    public async Task ClaimAsync_CancelledBeforeStart_FailsAndStoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ClaimAsync(Slot(Day1, 3), cancelled.Token));

        Assert.Null(await Store.GetAsync(Server, Day1, CancellationToken.None));
    }

    private static DailySlot Slot(DateOnly date, int? question) => Slot(Server, date, question);

    private static DailySlot Slot(string serverId, DateOnly date, int? question) =>
        new(serverId, date, DailySlotStatus.Claimed, question, 2, $"nonce-{date:yyyyMMdd}-{question}", null, At, null);
}
