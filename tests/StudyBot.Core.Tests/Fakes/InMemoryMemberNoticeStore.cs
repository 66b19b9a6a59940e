using StudyBot.Core.Notices;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryMemberNoticeStore : IMemberNoticeStore
{
    private readonly Lock gate = new();
    private readonly List<MemberNotice> notices = [];

    public Task AddAsync(MemberNotice notice, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            notices.Add(notice);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MemberNotice>> TakeAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var taken = Of(serverId, memberId);
            notices.RemoveAll(n => n.ServerId == serverId && n.MemberId == memberId);
            return Task.FromResult(taken);
        }
    }

    public Task<IReadOnlyList<MemberNotice>> PeekAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(Of(serverId, memberId));
        }
    }

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(notices.RemoveAll(n => n.ServerId == serverId && n.MemberId == memberId));
        }
    }

    private IReadOnlyList<MemberNotice> Of(string serverId, string memberId) =>
        [.. notices.Where(n => n.ServerId == serverId && n.MemberId == memberId).OrderBy(n => n.CreatedAt)];
}
