using StudyBot.Core.Contracts;
using StudyBot.Core.Learning;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbRatingStoreContractTests : RatingStoreContract, IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    protected override IRatingStore CreateStore() => _store.Ratings;
}
