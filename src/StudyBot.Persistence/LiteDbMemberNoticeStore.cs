using System.Text.Json.Nodes;
using StudyBot.Core.Notices;
using StudyBot.Core.Privacy;

namespace StudyBot.Persistence;

internal sealed class LiteDbMemberNoticeStore(LiteDbGate gate) : IMemberNoticeStore, IMemberDataPart
{
    public string Name => "notices";

    public Task AddAsync(MemberNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var document = new MemberNoticeDocument
        {
            Id = Keys.Notice(notice.ServerId, notice.MemberId, notice.CreatedAt, Guid.NewGuid().ToString("N")),
            Server = notice.ServerId,
            Member = notice.MemberId,
            Text = notice.Text,
            CreatedAt = Keys.Instant(notice.CreatedAt),
        };
        return gate.RunAsync(db => Collection(db).Insert(document), cancellationToken);
    }

    public Task<IReadOnlyList<MemberNotice>> TakeAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(
            db =>
            {
                var found = Find(db, serverId, memberId);
                if (found.Count > 0)
                {
                    Collection(db).DeleteMany(BoundQueries.IdStartsWith(db, Keys.NoticesOf(serverId, memberId)));
                }

                return found;
            },
            cancellationToken);

    public Task<IReadOnlyList<MemberNotice>> PeekAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Find(db, serverId, memberId), cancellationToken);

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken) =>
        gate.RunAsync(db => Collection(db).DeleteMany(BoundQueries.IdStartsWith(db, Keys.NoticesOf(serverId, memberId))), cancellationToken);

    public async Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var waiting = await PeekAsync(serverId, memberId, cancellationToken);
        return waiting.Count == 0
            ? null
            : new JsonArray([.. waiting.Select(n => new JsonObject { ["text"] = n.Text, ["createdAt"] = Keys.Instant(n.CreatedAt) })]);
    }

    private static LiteDB.ILiteCollection<MemberNoticeDocument> Collection(LiteDB.LiteDatabase db) => db.GetCollection<MemberNoticeDocument>(Schema.MemberNotices);

    private static IReadOnlyList<MemberNotice> Find(LiteDB.LiteDatabase db, string serverId, string memberId) =>
        [.. Collection(db).Find(BoundQueries.IdStartsWith(db, Keys.NoticesOf(serverId, memberId)))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new MemberNotice(d.Server, d.Member, d.Text, Keys.ParseInstant(d.CreatedAt)))];
}
