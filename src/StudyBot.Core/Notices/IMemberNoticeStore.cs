namespace StudyBot.Core.Notices;

/// <summary>Something to tell a member the next time they use the bot ("Your freeze covered Tue 2026-12-08.").</summary>
public sealed record MemberNotice(string ServerId, string MemberId, string Text, DateTimeOffset CreatedAt);

/// <summary>Notices waiting for their member, oldest first. Taking them removes them: each is shown once.</summary>
public interface IMemberNoticeStore
{
    Task AddAsync(MemberNotice notice, CancellationToken cancellationToken);

    /// <summary>The member's waiting notices, oldest first, removed from the store.</summary>
    Task<IReadOnlyList<MemberNotice>> TakeAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>The member's waiting notices, oldest first, left in place.</summary>
    Task<IReadOnlyList<MemberNotice>> PeekAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>Removes the member's waiting notices; returns how many there were.</summary>
    Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken);
}
