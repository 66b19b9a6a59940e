using StudyBot.Core.Daily;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbDailyPostStoreTests : IDisposable
{
    private const string Server = "discord:1200000000000000003";

    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ClaimAsync_8WritersSameSlotDifferentQuestions_AllGetTheStoredSlot()
    {
        using var barrier = new Barrier(8);
        var claims = Enumerable.Range(1, 8).Select(question => Task.Run(() =>
        {
            barrier.SignalAndWait();
            return _store.Posts.ClaimAsync(Slot(Answers.Day1, question), CancellationToken.None);
        }));

        var results = await Task.WhenAll(claims);

        var stored = await _store.Posts.GetAsync(Server, Answers.Day1, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.All(results, r => Assert.Equal(stored, r));
        Assert.Single(await _store.Posts.GetHistoryAsync(Server, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimAsync_SlotExists_ReturnsExistingUnchanged()
    {
        var first = await _store.Posts.ClaimAsync(Slot(Answers.Day1, 3), CancellationToken.None);

        var retry = await _store.Posts.ClaimAsync(Slot(Answers.Day1, 9) with { Nonce = "other" }, CancellationToken.None);

        Assert.Equal(Slot(Answers.Day1, 3), first);
        Assert.Equal(first, retry);
    }

    [Fact]
    public async Task RemoveSkipAsync_OnlySkippedSlots_AreRemoved()
    {
        await _store.Posts.ClaimAsync(Slot(Answers.Day1, 3), CancellationToken.None);
        await _store.Posts.ClaimAsync(Slot(Answers.Day1.AddDays(1), null) with { Status = DailySlotStatus.Skipped }, CancellationToken.None);
        await _store.Posts.ClaimAsync(Slot(Answers.Day1.AddDays(2), null) with { Status = DailySlotStatus.Missed }, CancellationToken.None);

        Assert.False(await _store.Posts.RemoveSkipAsync(Server, Answers.Day1, CancellationToken.None));
        Assert.True(await _store.Posts.RemoveSkipAsync(Server, Answers.Day1.AddDays(1), CancellationToken.None));
        Assert.False(await _store.Posts.RemoveSkipAsync(Server, Answers.Day1.AddDays(2), CancellationToken.None));
        Assert.False(await _store.Posts.RemoveSkipAsync(Server, Answers.Day1.AddDays(3), CancellationToken.None));

        Assert.NotNull(await _store.Posts.GetAsync(Server, Answers.Day1, CancellationToken.None));
        Assert.Null(await _store.Posts.GetAsync(Server, Answers.Day1.AddDays(1), CancellationToken.None));
        Assert.NotNull(await _store.Posts.GetAsync(Server, Answers.Day1.AddDays(2), CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_AfterSending_ReplacesTheSlot()
    {
        var claimed = await _store.Posts.ClaimAsync(Slot(Answers.Day1, 3), CancellationToken.None);
        var sent = claimed with { Status = DailySlotStatus.Sent, MessageId = "1300000000000000009", SentAt = Answers.At.AddSeconds(4) };

        await _store.Posts.UpdateAsync(sent, CancellationToken.None);

        var loaded = await _store.Posts.GetAsync(Server, Answers.Day1, CancellationToken.None);
        Assert.Equal(sent, loaded);
        Assert.Equal(sent.SentAt!.Value.Offset, loaded!.SentAt!.Value.Offset);
    }

    [Fact]
    public async Task GetHistoryAsync_ClaimedOutOfOrder_OldestFirstAndOnlyThatServer()
    {
        foreach (var offset in new[] { 3, 0, 10, 1 })
        {
            await _store.Posts.ClaimAsync(Slot(Answers.Day1.AddDays(offset), offset), CancellationToken.None);
        }

        await _store.Posts.ClaimAsync(Slot(Answers.Day1, 1) with { ServerId = "discord:1200000000000000004" }, CancellationToken.None);
        await _store.Posts.ClaimAsync(Slot(Answers.Day1, 1) with { ServerId = "discord:120000000000000000" }, CancellationToken.None);

        var history = await _store.Posts.GetHistoryAsync(Server, CancellationToken.None);

        Assert.Equal([0, 1, 3, 10], history.Select(s => s.LocalDate.DayNumber - Answers.Day1.DayNumber));
        Assert.All(history, s => Assert.Equal(Server, s.ServerId));
    }

    private static DailySlot Slot(DateOnly date, int? question) =>
        new(Server, date, DailySlotStatus.Claimed, question, 2, $"nonce-{date:yyyyMMdd}-{question}", null, Answers.At, null);
}
