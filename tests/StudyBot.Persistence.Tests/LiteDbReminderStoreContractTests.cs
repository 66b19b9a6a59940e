using StudyBot.Core.Contracts;
using StudyBot.Core.Reminders;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbReminderStoreContractTests : ReminderStoreContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IReminderStore CreateStore() => _store.Reminders;
}
