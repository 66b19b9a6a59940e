using StudyBot.Core.Notices;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IMemberNoticeStore"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class MemberNoticeStoreContract
{
    private const string Server = "discord:1100000000000000017";
    private const string OtherServer = "slack:T0STUDY001";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 7, 0, 0, TimeSpan.Zero);

    private IMemberNoticeStore? store;

    protected IMemberNoticeStore Store => store ??= CreateStore();

    protected abstract IMemberNoticeStore CreateStore();

    [Fact]
    public async Task TakeAsync_ReturnsTheMembersNoticesOldestFirst_AndOnlyOnce()
    {
        await Store.AddAsync(new MemberNotice(Server, "m1", "second", At.AddMinutes(5)), CancellationToken.None);
        await Store.AddAsync(new MemberNotice(Server, "m1", "first", At), CancellationToken.None);

        var taken = await Store.TakeAsync(Server, "m1", CancellationToken.None);

        Assert.Equal(["first", "second"], taken.Select(n => n.Text));
        Assert.Equal(At, taken[0].CreatedAt);
        Assert.Empty(await Store.TakeAsync(Server, "m1", CancellationToken.None));
    }

    [Fact]
    public async Task TakeAsync_OtherMembersAndServers_KeepTheirs()
    {
        await Store.AddAsync(new MemberNotice(Server, "m1", "mine", At), CancellationToken.None);
        await Store.AddAsync(new MemberNotice(Server, "m2", "theirs", At), CancellationToken.None);
        await Store.AddAsync(new MemberNotice(OtherServer, "m1", "other workspace", At), CancellationToken.None);

        await Store.TakeAsync(Server, "m1", CancellationToken.None);

        Assert.Equal(["theirs"], (await Store.PeekAsync(Server, "m2", CancellationToken.None)).Select(n => n.Text));
        Assert.Equal(["other workspace"], (await Store.PeekAsync(OtherServer, "m1", CancellationToken.None)).Select(n => n.Text));
    }

    [Fact]
    public async Task PeekAsync_LeavesThemInPlace()
    {
        await Store.AddAsync(new MemberNotice(Server, "m1", "hello", At), CancellationToken.None);

        Assert.Single(await Store.PeekAsync(Server, "m1", CancellationToken.None));
        Assert.Single(await Store.TakeAsync(Server, "m1", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheMembersAndCountsThem()
    {
        await Store.AddAsync(new MemberNotice(Server, "m1", "a", At), CancellationToken.None);
        await Store.AddAsync(new MemberNotice(Server, "m1", "b", At), CancellationToken.None);
        await Store.AddAsync(new MemberNotice(Server, "m2", "c", At), CancellationToken.None);

        Assert.Equal(2, await Store.DeleteAsync(Server, "m1", CancellationToken.None));
        Assert.Empty(await Store.PeekAsync(Server, "m1", CancellationToken.None));
        Assert.Single(await Store.PeekAsync(Server, "m2", CancellationToken.None));
    }
}
