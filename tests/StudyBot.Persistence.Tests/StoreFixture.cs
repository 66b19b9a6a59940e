using LiteDB;

namespace StudyBot.Persistence.Tests;

/// <summary>A gate on a real file in a temp directory with the three stores over it; disposing closes and deletes all.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreFixture()
    {
        Gate = new LiteDbGate(_directory.DataFile);
        Members = new LiteDbMemberStore(Gate);
        Servers = new LiteDbServerStore(Gate);
        Posts = new LiteDbDailyPostStore(Gate);
    }

    public LiteDbGate Gate { get; }

    public LiteDbMemberStore Members { get; }

    public LiteDbServerStore Servers { get; }

    public LiteDbDailyPostStore Posts { get; }

    public int Count(string collection) => Gate.Run(db => db.GetCollection<BsonDocument>(collection).Count());

    public void Dispose()
    {
        Gate.Dispose();
        _directory.Dispose();
    }
}
