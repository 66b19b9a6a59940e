using StudyBot.Core.Reminders;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IReminderStore"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class ReminderStoreContract
{
    private const string Server = "discord:1100000000000000017";
    private const string OtherServer = "slack:T0STUDY001";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 19, 0, 0, TimeSpan.Zero);

    private IReminderStore? store;

    protected IReminderStore Store => store ??= CreateStore();

    protected abstract IReminderStore CreateStore();

    private static Reminder Due(string member, DateTimeOffset at, string server = Server) =>
        new(server, member, new TimeOnly(20, 0), DateOnly.FromDateTime(at.UtcDateTime), at, "Europe/Berlin", null);

    [Fact]
    public async Task SaveAsync_ThenGetAsync_KeepsEveryField_TheOffsetIncluded()
    {
        var reminder = new Reminder(Server, "m1", new TimeOnly(2, 30), new DateOnly(2026, 3, 29), new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), "Europe/Berlin", new DateOnly(2026, 3, 28));

        await Store.SaveAsync(reminder, CancellationToken.None);

        Assert.Equal(reminder, await Store.GetAsync(Server, "m1", CancellationToken.None));
        Assert.Null(await Store.GetAsync(OtherServer, "m1", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_ReplacesTheMembersReminder()
    {
        await Store.SaveAsync(Due("m1", At), CancellationToken.None);
        var later = Due("m1", At.AddHours(2)) with { Time = new TimeOnly(22, 0) };

        await Store.SaveAsync(later, CancellationToken.None);

        Assert.Equal(later, await Store.GetAsync(Server, "m1", CancellationToken.None));
        Assert.Single(await Store.GetDueAsync(At.AddDays(1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task GetDueAsync_ReturnsThoseDueByThen_EarliestFirst_UpToTheLimit()
    {
        await Store.SaveAsync(Due("late", At.AddMinutes(2)), CancellationToken.None);
        await Store.SaveAsync(Due("early", At.AddMinutes(-30)), CancellationToken.None);
        await Store.SaveAsync(Due("now", At), CancellationToken.None);
        await Store.SaveAsync(Due("other", At.AddMinutes(-1), OtherServer), CancellationToken.None);

        var due = await Store.GetDueAsync(At, 10, CancellationToken.None);
        var limited = await Store.GetDueAsync(At, 2, CancellationToken.None);

        Assert.Equal(["early", "other", "now"], due.Select(r => r.MemberId));
        Assert.Equal(["early", "other"], limited.Select(r => r.MemberId));
    }

    [Fact]
    public async Task GetDueAsync_ComparesInstants_NotTheirOffsets()
    {
        // 20:30 at +02:00 is 18:30 UTC: due before 19:00 UTC although its clock reads later.
        await Store.SaveAsync(Due("m1", new DateTimeOffset(2026, 12, 8, 20, 30, 0, TimeSpan.FromHours(2))), CancellationToken.None);

        Assert.Single(await Store.GetDueAsync(At, 10, CancellationToken.None));
    }

    [Fact]
    public async Task MoveAsync_ReplacesOnlyWhatWasExpected()
    {
        var first = Due("m1", At);
        await Store.SaveAsync(first, CancellationToken.None);
        var moved = first with { DueAt = At.AddDays(1), DueDate = first.DueDate.AddDays(1), LastSentDate = first.DueDate };

        Assert.True(await Store.MoveAsync(first, moved, CancellationToken.None));
        Assert.False(await Store.MoveAsync(first, first with { DueAt = At.AddDays(5) }, CancellationToken.None));
        Assert.Equal(moved, await Store.GetAsync(Server, "m1", CancellationToken.None));
        Assert.Empty(await Store.GetDueAsync(At, 10, CancellationToken.None));
    }

    [Fact]
    public async Task MoveAsync_AfterRemove_DoesNotBringItBack()
    {
        var first = Due("m1", At);
        await Store.SaveAsync(first, CancellationToken.None);
        Assert.True(await Store.RemoveAsync(Server, "m1", CancellationToken.None));

        Assert.False(await Store.MoveAsync(first, first with { DueAt = At.AddDays(1) }, CancellationToken.None));
        Assert.Null(await Store.GetAsync(Server, "m1", CancellationToken.None));
        Assert.False(await Store.RemoveAsync(Server, "m1", CancellationToken.None));
    }

    [Fact]
    public async Task MoveManyAsync_MovesEachAsMoveAsyncWould_AndSaysWhichInOrder()
    {
        var first = Due("m1", At);
        var second = Due("m2", At.AddMinutes(-1));
        var gone = Due("m3", At);
        await Store.SaveAsync(first, CancellationToken.None);
        await Store.SaveAsync(second, CancellationToken.None);
        var changed = second with { Time = new TimeOnly(21, 0) };
        await Store.SaveAsync(changed, CancellationToken.None);
        var firstMoved = first with { DueAt = At.AddDays(1), DueDate = first.DueDate.AddDays(1), LastSentDate = first.DueDate };

        var moved = await Store.MoveManyAsync(
            [new(first, firstMoved), new(second, second with { DueAt = At.AddDays(1) }), new(gone, gone with { DueAt = At.AddDays(1) })],
            CancellationToken.None);

        Assert.Equal([true, false, false], moved);
        Assert.Equal(firstMoved, await Store.GetAsync(Server, "m1", CancellationToken.None));
        Assert.Equal(changed, await Store.GetAsync(Server, "m2", CancellationToken.None));
        Assert.Null(await Store.GetAsync(Server, "m3", CancellationToken.None));
        Assert.Equal(["m2"], (await Store.GetDueAsync(At, 10, CancellationToken.None)).Select(r => r.MemberId));
    }

    [Fact]
    public async Task MoveManyAsync_NothingToMove_ReturnsNothing()
    {
        Assert.Empty(await Store.MoveManyAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task MoveManyAsync_ToAnotherMember_ThrowsAndMovesNothing()
    {
        var first = Due("m1", At);
        await Store.SaveAsync(first, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.MoveManyAsync([new(first, first with { DueAt = At.AddDays(1) }), new(first, first with { MemberId = "m2" })], CancellationToken.None));

        Assert.Equal(first, await Store.GetAsync(Server, "m1", CancellationToken.None));
    }
}
