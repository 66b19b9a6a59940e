using StudyBot.Core.Contracts;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbStreakLedgerContractTests : StreakLedgerContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IStreakLedger CreateStore() => _store.Ledger;
}
