using StudyBot.Core.Contracts;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryStreakLedgerContractTests : StreakLedgerContract
{
    protected override IStreakLedger CreateStore() => new InMemoryStreakLedger();
}
