using StudyBot.Core.Contracts;
using StudyBot.Core.Notices;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryMemberNoticeStoreContractTests : MemberNoticeStoreContract
{
    protected override IMemberNoticeStore CreateStore() => new InMemoryMemberNoticeStore();
}
