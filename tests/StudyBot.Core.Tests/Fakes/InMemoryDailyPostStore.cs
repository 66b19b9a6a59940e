using StudyBot.Core.Daily;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>
/// A dictionary-backed <see cref="IDailyPostStore"/> that counts the claims that actually stored a new slot;
/// <see cref="InMemoryDailyPostStoreContractTests"/> holds it to the port.
/// </summary>
internal sealed class InMemoryDailyPostStore : IDailyPostStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Server, DateOnly Date), DailySlot> slots = [];

    /// <summary>How many times <see cref="ClaimAsync"/> stored a new slot (a claim of a taken slot does not count).</summary>
    public int StoredClaims { get; private set; }

    public Task<DailySlot> ClaimAsync(DailySlot proposed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<DailySlot>(cancellationToken);
        }

        lock (gate)
        {
            if (slots.TryGetValue((proposed.ServerId, proposed.LocalDate), out var existing))
            {
                return Task.FromResult(existing);
            }

            slots[(proposed.ServerId, proposed.LocalDate)] = proposed;
            StoredClaims++;
            return Task.FromResult(proposed);
        }
    }

    public Task<DailySlot?> GetAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<DailySlot?>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult(slots.GetValueOrDefault((serverId, localDate)));
        }
    }

    public Task UpdateAsync(DailySlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        lock (gate)
        {
            slots[(slot.ServerId, slot.LocalDate)] = slot;
            return Task.CompletedTask;
        }
    }

    public Task<bool> RemoveSkipAsync(string serverId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        lock (gate)
        {
            var removed = slots.GetValueOrDefault((serverId, localDate)) is { Status: DailySlotStatus.Skipped }
                && slots.Remove((serverId, localDate));
            return Task.FromResult(removed);
        }
    }

    public Task<IReadOnlyList<DailySlot>> GetHistoryAsync(string serverId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<DailySlot>>(cancellationToken);
        }

        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<DailySlot>>([.. slots.Values.Where(s => s.ServerId == serverId).OrderBy(s => s.LocalDate)]);
        }
    }
}
