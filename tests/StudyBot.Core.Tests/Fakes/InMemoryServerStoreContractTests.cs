using StudyBot.Core.Contracts;
using StudyBot.Core.Servers;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>The in-memory double keeps the port's promises, and no more than the LiteDB store does.</summary>
public sealed class InMemoryServerStoreContractTests : ServerStoreContract
{
    protected override IServerStore CreateStore() => new InMemoryServerStore();
}
