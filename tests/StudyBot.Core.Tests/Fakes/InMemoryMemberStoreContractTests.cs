using StudyBot.Core.Contracts;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>The in-memory double keeps the port's promises, and no more than the LiteDB store does.</summary>
public sealed class InMemoryMemberStoreContractTests : MemberStoreContract
{
    protected override IMemberStore CreateStore() => new InMemoryMemberStore();
}
