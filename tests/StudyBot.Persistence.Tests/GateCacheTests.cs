using StudyBot.Core.Daily;
using StudyBot.Core.Servers;

namespace StudyBot.Persistence.Tests;

public sealed class GateCacheTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Set_BeyondCapacity_DropsTheLeastRecentlyUsed()
    {
        var cache = new GateCache(capacity: 10);
        cache.Set("a", "A", 4);
        cache.Set("b", "B", 4);
        Assert.True(cache.TryGet<string>("a", out _)); // a is now more recent than b

        cache.Set("c", "C", 4);

        Assert.True(cache.TryGet<string>("a", out var a));
        Assert.Equal("A", a);
        Assert.False(cache.TryGet<string>("b", out _));
        Assert.True(cache.TryGet<string>("c", out _));
    }

    [Fact]
    public void Set_HeavierThanCapacity_IsNotKept()
    {
        var cache = new GateCache(capacity: 10);
        cache.Set("small", "S", 2);

        cache.Set("huge", "H", 11);

        Assert.False(cache.TryGet<string>("huge", out _));
        Assert.True(cache.TryGet<string>("small", out _));
    }

    [Fact]
    public void Cache_OutsideTheGatesWork_Refused()
    {
        using var gate = new LiteDbGate(_directory.DataFile);

        Assert.Throws<InvalidOperationException>(() => gate.Cache);
        Assert.Equal(0, gate.Run(_ => gate.Cache.Count));
    }

    [Fact]
    public async Task ServerSettings_ReadWhileUnknownThenSavedTwice_NextReadSeesEachSave()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var servers = new LiteDbServerStore(gate);
        var server = Answers.Server;
        Assert.Null(await servers.GetAsync(server, CancellationToken.None));

        var settings = new ServerSettings(server, "100", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, Answers.At);
        await servers.SaveAsync(settings, CancellationToken.None);
        Assert.Equal("100", (await servers.GetAsync(server, CancellationToken.None))?.ChannelId);

        await servers.SaveAsync(settings with { ChannelId = "200", Paused = true }, CancellationToken.None);
        var read = await servers.GetAsync(server, CancellationToken.None);
        Assert.Equal(("200", true), (read?.ChannelId, read?.Paused));
    }

    [Fact]
    public async Task DailySlots_ReadThenWritten_NextReadSeesTheWrite()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var posts = new LiteDbDailyPostStore(gate);
        var day = new DateOnly(2026, 12, 1);
        var claimed = await posts.ClaimAsync(new DailySlot(Answers.Server, day, DailySlotStatus.Claimed, 3, 1, "n", null, Answers.At, null), CancellationToken.None);
        Assert.Equal(DailySlotStatus.Claimed, Assert.Single(await posts.GetHistoryAsync(Answers.Server, CancellationToken.None)).Status);

        await posts.UpdateAsync(claimed with { Status = DailySlotStatus.Sent, MessageId = "m" }, CancellationToken.None);
        Assert.Equal(DailySlotStatus.Sent, Assert.Single(await posts.GetHistoryAsync(Answers.Server, CancellationToken.None)).Status);

        await posts.ClaimAsync(new DailySlot(Answers.Server, day.AddDays(1), DailySlotStatus.Skipped, null, 1, "n2", null, Answers.At, null), CancellationToken.None);
        Assert.Equal(2, (await posts.GetHistoryAsync(Answers.Server, CancellationToken.None)).Count);

        Assert.True(await posts.RemoveSkipAsync(Answers.Server, day.AddDays(1), CancellationToken.None));
        Assert.Single(await posts.GetHistoryAsync(Answers.Server, CancellationToken.None));
    }

    [Fact]
    public async Task MemberDays_ReadThenCreditedAndForgotten_NextReadSeesEach()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        await members.RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1, "i1"), CancellationToken.None);
        Assert.Single(await members.GetDaysAsync(Answers.Server, Answers.Ada, CancellationToken.None));

        await members.RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1.AddDays(1), "i2"), CancellationToken.None);
        await members.RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1.AddDays(1), "i3"), CancellationToken.None);
        var days = await members.GetDaysAsync(Answers.Server, Answers.Ada, CancellationToken.None);
        Assert.Equal([1, 2], days.Select(d => d.Answers));

        await members.DeleteAsync(Answers.Server, Answers.Ada, CancellationToken.None);
        Assert.Empty(await members.GetDaysAsync(Answers.Server, Answers.Ada, CancellationToken.None));
    }
}
