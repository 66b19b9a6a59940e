using StudyBot.Core.Contracts;
using StudyBot.Core.Daily;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>The in-memory double keeps the port's promises, and no more than the LiteDB store does.</summary>
public sealed class InMemoryDailyPostStoreContractTests : DailyPostStoreContract
{
    protected override IDailyPostStore CreateStore() => new InMemoryDailyPostStore();
}
