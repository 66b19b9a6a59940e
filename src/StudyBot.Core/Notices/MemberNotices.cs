using StudyBot.Core.Commands;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Notices;

/// <summary>
/// Delivers waiting notices with the member's next private reply (a public reply would show them to everyone, so
/// they wait for a private one). Features leave a notice with <see cref="LeaveAsync"/>.
/// </summary>
public sealed class MemberNotices(IMemberNoticeStore store, TimeProvider time)
{
    /// <summary>The field under which notices appear in a reply.</summary>
    public const string FieldName = "Since you were last here";

    public Task LeaveAsync(string serverId, string memberId, string text, CancellationToken cancellationToken) =>
        store.AddAsync(new MemberNotice(serverId, memberId, text, time.GetUtcNow()), cancellationToken);

    /// <summary><paramref name="reply"/> with the member's waiting notices added, when it is private; else as it was.</summary>
    public async Task<Reply> AddToAsync(MemberContext member, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Visibility != ReplyVisibility.Private)
        {
            return reply;
        }

        var waiting = await store.TakeAsync(member.ServerId, member.MemberId, cancellationToken);
        if (waiting.Count == 0)
        {
            return reply;
        }

        var text = string.Join('\n', waiting.Select(n => "• " + n.Text));
        return reply with { Fields = [.. reply.Fields, new ReplyField(FieldName, text)] };
    }
}
