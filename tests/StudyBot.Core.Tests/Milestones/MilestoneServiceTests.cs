using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Milestones;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Milestones;

public sealed class MilestoneServiceTests : IDisposable
{
    private static readonly DateOnly First = new(2026, 11, 18);

    private readonly RecordingRoleSync sync = new();
    private readonly CoreHost host;

    public MilestoneServiceTests()
    {
        host = new CoreHost(new DateTimeOffset(First, new TimeOnly(10, 0), TimeSpan.Zero), s => s.AddSingleton<IMemberRoleSync>(sync));
    }

    public void Dispose() => host.Dispose();

    /// <summary>Gives and takes roles as Discord would, and remembers them; refuses everything once <see cref="Refuse"/> is set.</summary>
    private sealed class RecordingRoleSync : IMemberRoleSync
    {
        public HashSet<string> Held { get; } = [];

        public int Calls { get; private set; }

        public bool Refuse { get; set; }

        public string Platform => CoreHost.Platform;

        public Task<RoleSyncResult> ApplyAsync(string serverId, string memberId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken)
        {
            Calls++;
            if (Refuse)
            {
                return Task.FromResult(new RoleSyncResult(RoleSyncOutcome.Forbidden, "the bot may not manage these roles (403)"));
            }

            Held.UnionWith(add);
            Held.ExceptWith(remove);
            return Task.FromResult(RoleSyncResult.Done);
        }
    }

    private MilestoneService Milestones => host.Services.GetRequiredService<MilestoneService>();

    private async Task SetUpAsync(DateOnly lastPost)
    {
        await host.Servers.SaveAsync(TestStreaks.Server(CoreHost.ServerId, "UTC", new TimeOnly(9, 0), freezeLimit: 0), default);
        await TestStreaks.PostDailyAsync(host.Posts, CoreHost.ServerId, "UTC", new TimeOnly(9, 0), First, lastPost);
        await host.RunAsync("milestones", CoreHost.Admin, ("action", "set"), ("days", "3"), ("role", "300"));
        await host.RunAsync("milestones", CoreHost.Admin, ("action", "set"), ("days", "7"), ("role", "700"));
    }

    /// <summary>The member answers on <paramref name="day"/> at 10:00 UTC, then the roles are synced as after their interaction.</summary>
    private async Task AnswerAndSyncAsync(DateOnly day)
    {
        host.Time.SetUtcNow(new DateTimeOffset(day, new TimeOnly(10, 0), TimeSpan.Zero));
        await host.Streaks.CreditAnswerAsync(CoreHost.Member(), day.Day, AnswerSource.AnswerCommand, default);
        await Milestones.SyncAsync(CoreHost.Member(), [.. sync.Held], default);
    }

    [Fact]
    public async Task Sync_StreakReachesEachLength_GrantsItsRole_AndKeepsTheShorterOnes()
    {
        await SetUpAsync(First.AddDays(6));

        await AnswerAndSyncAsync(First);
        await AnswerAndSyncAsync(First.AddDays(1));
        var afterTwo = sync.Held.ToList();
        await AnswerAndSyncAsync(First.AddDays(2));
        var afterThree = sync.Held.ToList();
        for (var i = 3; i < 6; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        var afterSix = sync.Held.ToList();
        await AnswerAndSyncAsync(First.AddDays(6));

        Assert.Empty(afterTwo);
        Assert.Equal(["300"], afterThree);
        Assert.Equal(["300"], afterSix);
        Assert.Equal(["300", "700"], sync.Held.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sync_StreakBroken_TakesTheRolesAtTheMembersNextInteraction()
    {
        await SetUpAsync(First.AddDays(7));
        for (var i = 0; i < 7; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        // The 8th day's question goes unanswered (freezes are off); the next morning the streak is found broken.
        host.Time.SetUtcNow(new DateTimeOffset(First.AddDays(8), new TimeOnly(8, 0), TimeSpan.Zero));
        var callsBefore = sync.Calls;
        var result = await Milestones.SyncAsync(CoreHost.Member(), [.. sync.Held], default);

        Assert.Equal(RoleSyncOutcome.Done, result!.Outcome);
        Assert.Equal(callsBefore + 1, sync.Calls);
        Assert.Empty(sync.Held);
    }

    [Fact]
    public async Task Sweep_StreakBrokenAndTheMemberNeverComesBack_TakesTheRolesAtTheDailyPost()
    {
        await SetUpAsync(First.AddDays(8));
        for (var i = 0; i < 7; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        // Day 8's question goes unanswered (freezes are off); day 9's post comes and the member does nothing.
        host.Time.SetUtcNow(new DateTimeOffset(First.AddDays(8), new TimeOnly(9, 0), TimeSpan.Zero));
        var heldBefore = sync.Held.Order(StringComparer.Ordinal).ToList();
        var changed = await Milestones.SweepAsync(CoreHost.ServerId, default);

        Assert.Equal(["300", "700"], heldBefore);
        Assert.Equal(1, changed);
        Assert.Empty(sync.Held);
    }

    [Fact]
    public async Task Sweep_LiveStreaksAndLongBrokenOnes_AsksNothing()
    {
        await SetUpAsync(First.AddDays(20));
        for (var i = 0; i < 7; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        // Still going the next morning (today pending): nothing to take.
        host.Time.SetUtcNow(new DateTimeOffset(First.AddDays(7), new TimeOnly(9, 0), TimeSpan.Zero));
        var callsLive = sync.Calls;
        Assert.Equal(0, await Milestones.SweepAsync(CoreHost.ServerId, default));
        Assert.Equal(callsLive, sync.Calls);

        // Broken ten days ago and swept then: later daily posts do not ask Discord again and again.
        host.Time.SetUtcNow(new DateTimeOffset(First.AddDays(18), new TimeOnly(9, 0), TimeSpan.Zero));
        var callsLater = sync.Calls;
        Assert.Equal(0, await Milestones.SweepAsync(CoreHost.ServerId, default));
        Assert.Equal(callsLater, sync.Calls);
    }

    [Fact]
    public async Task Sweep_PlatformRefuses_Pauses()
    {
        await SetUpAsync(First.AddDays(8));
        for (var i = 0; i < 7; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        sync.Refuse = true;
        host.Time.SetUtcNow(new DateTimeOffset(First.AddDays(8), new TimeOnly(9, 0), TimeSpan.Zero));
        await Milestones.SweepAsync(CoreHost.ServerId, default);

        Assert.NotNull((await host.Servers.GetAsync(CoreHost.ServerId, default))!.MilestonesPausedReason);
        Assert.Equal(["300", "700"], sync.Held.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sync_PendingToday_KeepsTheRolesOfYesterdaysStreak()
    {
        await SetUpAsync(First.AddDays(7));
        for (var i = 0; i < 7; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        // 23:59 the next day, not answered yet: today is pending, not broken.
        host.Time.SetUtcNow(new DateTimeOffset(First.AddDays(7), new TimeOnly(23, 59), TimeSpan.Zero));
        var calls = sync.Calls;
        await Milestones.SyncAsync(CoreHost.Member(), [.. sync.Held], default);

        Assert.Equal(calls, sync.Calls);
        Assert.Equal(["300", "700"], sync.Held.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sync_PlatformRefuses_PausesWithTheReasonInScheduleShow_UntilSetAgain()
    {
        await SetUpAsync(First.AddDays(6));
        sync.Refuse = true;
        for (var i = 0; i < 3; i++)
        {
            await AnswerAndSyncAsync(First.AddDays(i));
        }

        var callsWhilePaused = sync.Calls;
        await AnswerAndSyncAsync(First.AddDays(3));
        var show = await host.RunAsync("schedule", CoreHost.Admin, ("action", "show"));
        var list = await host.RunAsync("milestones", CoreHost.Admin, ("action", "list"));

        sync.Refuse = false;
        var resumed = await host.RunAsync("milestones", CoreHost.Admin, ("action", "set"), ("days", "3"), ("role", "300"));
        await AnswerAndSyncAsync(First.AddDays(4));

        Assert.Equal(1, callsWhilePaused);
        Assert.Equal(2, sync.Calls);
        var field = Assert.Single(show.Fields, f => f.Name == "Milestone roles");
        Assert.Contains("Paused: the bot may not manage these roles (403).", field.Value, StringComparison.Ordinal);
        Assert.Contains("3 days → role 300", field.Value, StringComparison.Ordinal);
        Assert.Contains("Paused", list.Fields[0].Value, StringComparison.Ordinal);
        Assert.Contains("they run again", resumed.Text, StringComparison.Ordinal);
        Assert.Equal(["300"], sync.Held);
    }

    [Fact]
    public async Task Milestones_SetReplacesTheSameLengthOrRole_ClearRemoves_AndBadInputGetsOneLine()
    {
        await SetUpAsync(First);

        await host.RunAsync("milestones", CoreHost.Admin, ("action", "set"), ("days", "7"), ("role", "701"));
        var cleared = await host.RunAsync("milestones", CoreHost.Admin, ("action", "clear"), ("days", "3"));
        var missing = await host.RunAsync("milestones", CoreHost.Admin, ("action", "clear"), ("days", "30"));
        var noRole = await host.RunAsync("milestones", CoreHost.Admin, ("action", "set"), ("days", "30"));
        var member = await host.RunAsync("milestones", CoreHost.Member(), ("action", "list"));
        var list = await host.RunAsync("milestones", CoreHost.Admin, ("action", "list"));

        Assert.Equal(ReplyTone.Success, cleared.Tone);
        Assert.Equal("There is no milestone at 30 days. /milestones action:list shows them.", missing.Text);
        Assert.Equal(ReplyTone.Problem, noRole.Tone);
        Assert.Equal(ReplyTone.Problem, member.Tone);
        Assert.Equal("7 days → role 701", list.Text);
        Assert.Equal("7=701", (await host.Servers.GetAsync(CoreHost.ServerId, default))!.MilestoneRoles);
    }

    [Fact]
    public async Task Milestones_PlatformWithoutRoles_AnswersOneLine()
    {
        using var console = new CoreHost(new DateTimeOffset(First, new TimeOnly(10, 0), TimeSpan.Zero));

        var reply = await console.RunAsync("milestones", CoreHost.Admin, ("action", "set"), ("days", "7"), ("role", "700"));

        Assert.Equal(MilestoneService.NotOnThisPlatform, reply.Text);
        Assert.Null(await console.Services.GetRequiredService<MilestoneService>().SyncAsync(CoreHost.Member(), [], default));
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(6, "300")]
    [InlineData(7, "300,700")]
    [InlineData(100, "300,700")]
    public void Earned_EveryLengthReached(int streak, string expected)
    {
        var map = MilestoneMap.Parse("7=700;3=300;bad;x=1");

        Assert.Equal(expected, string.Join(',', MilestoneMap.Earned(map, streak).Order(StringComparer.Ordinal)));
        Assert.Equal("3=300;7=700", MilestoneMap.Format(map));
    }
}
