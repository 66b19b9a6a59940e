using StudyBot.Core.Contracts;
using StudyBot.Core.Questions;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbServerQuestionStoreContractTests : ServerQuestionStoreContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IServerQuestionStore CreateStore() => _store.Questions;
}
