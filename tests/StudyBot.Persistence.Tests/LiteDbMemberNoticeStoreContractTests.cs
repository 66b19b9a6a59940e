using StudyBot.Core.Contracts;
using StudyBot.Core.Notices;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbMemberNoticeStoreContractTests : MemberNoticeStoreContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IMemberNoticeStore CreateStore() => _store.Notices;
}
