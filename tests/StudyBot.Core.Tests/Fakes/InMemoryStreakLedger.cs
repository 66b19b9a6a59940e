using System.Text.Json.Nodes;
using StudyBot.Core.Privacy;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>A dictionary-backed <see cref="IStreakLedger"/>; <see cref="InMemoryStreakLedgerContractTests"/> holds it to the port.</summary>
internal sealed class InMemoryStreakLedger : IStreakLedger, IMemberDataPart
{
    public string Name => "streak-settings";

    public async Task<JsonNode?> ExportAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        var events = await GetFreezesAsync(serverId, memberId, cancellationToken);
        var saved = await GetSettingsAsync(serverId, memberId, cancellationToken);
        return new JsonObject
        {
            ["hiddenFromBoards"] = saved.HiddenFromBoards,
            ["freezes"] = new JsonArray([.. events.Select(e => JsonValue.Create($"{e.Kind} {e.Date:yyyy-MM-dd}"))]),
        };
    }

    private readonly Lock gate = new();
    private readonly Dictionary<(string Server, string Member), List<FreezeEvent>> freezes = [];
    private readonly Dictionary<(string Server, string Member), MemberStreakSettings> settings = [];

    public Task<IReadOnlyList<FreezeEvent>> GetFreezesAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlyList<FreezeEvent> found = freezes.TryGetValue((serverId, memberId), out var list)
                ? [.. list.OrderBy(e => e.Date).ThenBy(e => e.Kind)]
                : [];
            return Task.FromResult(found);
        }
    }

    public Task<bool> AppendFreezeAsync(string serverId, string memberId, FreezeEvent freeze, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(freeze);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!freezes.TryGetValue((serverId, memberId), out var list))
            {
                list = [];
                freezes[(serverId, memberId)] = list;
            }

            if (list.Exists(e => e.Kind == freeze.Kind && e.Date == freeze.Date))
            {
                return Task.FromResult(false);
            }

            list.Add(freeze);
            return Task.FromResult(true);
        }
    }

    public Task<MemberStreakSettings> GetSettingsAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(settings.GetValueOrDefault((serverId, memberId)) ?? MemberStreakSettings.Default);
        }
    }

    public Task SaveSettingsAsync(string serverId, string memberId, MemberStreakSettings value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            settings[(serverId, memberId)] = value with { ZoneChanges = [.. value.ZoneChanges] };
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlySet<string>> GetHiddenAsync(string serverId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            IReadOnlySet<string> hidden = settings.Where(s => s.Key.Server == serverId && s.Value.HiddenFromBoards).Select(s => s.Key.Member).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(hidden);
        }
    }

    public Task<int> DeleteAsync(string serverId, string memberId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var removed = freezes.Remove((serverId, memberId), out var list) ? list.Count : 0;
            removed += settings.Remove((serverId, memberId)) ? 1 : 0;
            return Task.FromResult(removed);
        }
    }
}
