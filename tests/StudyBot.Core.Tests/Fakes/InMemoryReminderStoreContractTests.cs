using StudyBot.Core.Contracts;
using StudyBot.Core.Reminders;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryReminderStoreContractTests : ReminderStoreContract
{
    protected override IReminderStore CreateStore() => new InMemoryReminderStore();
}
