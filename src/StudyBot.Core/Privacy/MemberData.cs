using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Privacy;

/// <summary>
/// Everything stored about a member in one server, gathered from every registered <see cref="IMemberDataPart"/>:
/// exported as one JSON document (/my-data) or deleted (/forget-me). The daily slots are the server's, not the
/// member's, and stay: they are what keeps each day's post exactly-once.
/// </summary>
public sealed class MemberData(IEnumerable<IMemberDataPart> parts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ReplyFile> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var data = new JsonObject();
        foreach (var part in parts.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            data[part.Name] = await part.ExportAsync(serverId, memberId, cancellationToken);
        }

        var document = new JsonObject
        {
            ["server"] = serverId,
            ["member"] = memberId,
            ["exportedAt"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        var safeMember = new string([.. memberId.Where(char.IsLetterOrDigit)]);
        return new ReplyFile($"studybot-my-data-{safeMember}.json", "application/json", Encoding.UTF8.GetBytes(document.ToJsonString(Indented)));
    }

    /// <summary>Asks every part to delete the member; returns how many records went in all.</summary>
    public async Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var part in parts)
        {
            removed += await part.DeleteAsync(serverId, memberId, cancellationToken);
        }

        return removed;
    }
}
