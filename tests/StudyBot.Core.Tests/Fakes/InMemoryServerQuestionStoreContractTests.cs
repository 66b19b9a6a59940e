using StudyBot.Core.Contracts;
using StudyBot.Core.Questions;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryServerQuestionStoreContractTests : ServerQuestionStoreContract
{
    protected override IServerQuestionStore CreateStore() => new InMemoryServerQuestionStore();
}
