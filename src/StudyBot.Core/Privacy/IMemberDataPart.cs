using System.Text.Json.Nodes;

namespace StudyBot.Core.Privacy;

/// <summary>
/// One feature's share of what is stored about a member in one server. <c>/my-data</c> gathers every part's export;
/// <c>/forget-me</c> asks every part to delete. A feature that stores anything per member registers one.
/// </summary>
public interface IMemberDataPart
{
    /// <summary>The part's name in the export, e.g. "notices", "ratings".</summary>
    string Name { get; }

    /// <summary>Everything this part holds about the member, as JSON; null when it holds nothing.</summary>
    Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken);

    /// <summary>Deletes everything this part holds about the member; returns how many records went.</summary>
    Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken);
}
