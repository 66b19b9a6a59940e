using StudyBot.Core.Contracts;
using StudyBot.Core.Learning;

namespace StudyBot.Core.Tests.Fakes;

public sealed class InMemoryRatingStoreContractTests : RatingStoreContract
{
    protected override IRatingStore CreateStore() => new InMemoryRatingStore();
}
