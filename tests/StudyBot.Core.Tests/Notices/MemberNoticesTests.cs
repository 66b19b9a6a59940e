using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Notices;
using StudyBot.Core.Streaks;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Notices;

public class MemberNoticesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 9, 8, 0, 0, TimeSpan.Zero);
    private static readonly MemberContext Ada = new("discord:1", "ada", "Ada", IsAdmin: false, "i-1");

    [Fact]
    public async Task ANotice_ComesWithTheMembersNextPrivateReply_Once()
    {
        using var host = new CoreHost(Now);
        var notices = host.Services.GetRequiredService<MemberNotices>();
        await notices.LeaveAsync(Ada.ServerId, Ada.MemberId, "Your freeze covered Tue 2026-12-08. 1 left.", CancellationToken.None);

        var first = await host.Dispatcher.DispatchAsync(new CommandInvocation("streak", new Dictionary<string, string>(), Ada), CancellationToken.None);
        var second = await host.Dispatcher.DispatchAsync(new CommandInvocation("streak", new Dictionary<string, string>(), Ada), CancellationToken.None);

        var field = Assert.Single(first.Fields, f => f.Name == MemberNotices.FieldName);
        Assert.Equal("• Your freeze covered Tue 2026-12-08. 1 left.", field.Value);
        Assert.DoesNotContain(second.Fields, f => f.Name == MemberNotices.FieldName);
    }

    [Fact]
    public async Task APublicReply_LeavesTheNoticeWaiting()
    {
        using var host = new CoreHost(Now);
        var notices = host.Services.GetRequiredService<MemberNotices>();
        await notices.LeaveAsync(Ada.ServerId, Ada.MemberId, "DMs are closed, so reminders are off.", CancellationToken.None);

        var roadmap = await host.Dispatcher.DispatchAsync(new CommandInvocation("roadmap", new Dictionary<string, string>(), Ada), CancellationToken.None);

        Assert.Equal(ReplyVisibility.Public, roadmap.Visibility);
        Assert.DoesNotContain(roadmap.Fields, f => f.Name == MemberNotices.FieldName);
        Assert.Single(await host.Notices.PeekAsync(Ada.ServerId, Ada.MemberId, CancellationToken.None));
    }

    [Fact]
    public async Task AnotherMembersNotice_IsNotShownToYou()
    {
        using var host = new CoreHost(Now);
        var notices = host.Services.GetRequiredService<MemberNotices>();
        await notices.LeaveAsync(Ada.ServerId, "grace", "For Grace only.", CancellationToken.None);

        var reply = await host.Dispatcher.DispatchAsync(new CommandInvocation("streak", new Dictionary<string, string>(), Ada), CancellationToken.None);

        Assert.DoesNotContain(reply.Fields, f => f.Name == MemberNotices.FieldName);
    }
}
