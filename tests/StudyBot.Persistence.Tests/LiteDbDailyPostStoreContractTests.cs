using StudyBot.Core.Contracts;
using StudyBot.Core.Daily;

namespace StudyBot.Persistence.Tests;

/// <summary>The LiteDB store, on a real file in a temp folder, keeps the port's promises.</summary>
public sealed class LiteDbDailyPostStoreContractTests : DailyPostStoreContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IDailyPostStore CreateStore() => _store.Posts;
}
