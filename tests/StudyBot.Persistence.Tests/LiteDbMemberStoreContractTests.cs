using StudyBot.Core.Contracts;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

/// <summary>The LiteDB store, on a real file in a temp folder, keeps the port's promises.</summary>
public sealed class LiteDbMemberStoreContractTests : MemberStoreContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IMemberStore CreateStore() => _store.Members;
}
