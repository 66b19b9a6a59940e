using System.Collections;
using System.Reflection;
using LiteDB;

namespace StudyBot.Persistence.Tests;

public sealed class BoundQueriesTests : IDisposable
{
    private static readonly string[] Ids = ["a:1:x", "a:1:y", "a:2:x", "a:10:x", "b:1:x"];
    private static readonly string[] Prefixes = ["a:1:", "a:2:", "a:10:", "b:", "c:"];
    private static readonly string[] Servers = ["s0", "s1", "s2", "s3"];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void IdStartsWith_BoundAgain_FindsEachPrefixItsOwnDocuments()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var found = gate.Run(db =>
        {
            var collection = db.GetCollection("probe");
            foreach (var id in Ids)
            {
                collection.Insert(new BsonDocument { ["_id"] = id });
            }

            return Prefixes
                .Select(prefix => string.Join(",", collection.Find(BoundQueries.IdStartsWith(db, prefix)).Select(d => d["_id"].AsString).Order(StringComparer.Ordinal)))
                .ToList();
        });

        Assert.Equal(["a:1:x,a:1:y", "a:2:x", "a:10:x", "b:1:x", ""], found);
    }

    [Fact]
    public void FieldEquals_BoundAgain_FindsEachValuesDocuments()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var counts = gate.Run(db =>
        {
            var collection = db.GetCollection("probe");
            collection.EnsureIndex("Server");
            for (var i = 0; i < 30; i++)
            {
                collection.Insert(new BsonDocument { ["_id"] = i, ["Server"] = "s" + (i % 3) });
            }

            return Servers.Select(s => collection.Find(BoundQueries.FieldEquals(db, "Server", s)).Count()).ToList();
        });

        Assert.Equal([10, 10, 10, 0], counts);
    }

    /// <summary>
    /// LiteDB caches compiled query code under the query's text with its values written in: a query per member
    /// compiled and kept a new delegate per member (two per prefix), which cost a fan-out most of its CPU.
    /// </summary>
    [Fact]
    public async Task StoreReads_ForManyMembers_CompileNoNewQueryCode()
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        await members.GetDaysAsync(Answers.Server, "warm-up", CancellationToken.None);
        var before = CompiledQueryCount();

        for (var i = 0; i < 500; i++)
        {
            await members.GetDaysAsync(Answers.Server, "member-" + i, CancellationToken.None);
        }

        // Other tests running meanwhile may add a few; one per member read would add at least 1,000.
        Assert.InRange(CompiledQueryCount() - before, 0, 100);
    }

    private static int CompiledQueryCount()
    {
        int Count(string field) =>
            typeof(BsonExpression).GetField(field, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) is ICollection cache
                ? cache.Count
                : throw new InvalidOperationException($"LiteDB's BsonExpression.{field} cache is gone: this test needs another way to count compiled queries.");
        return Count("_cacheScalar") + Count("_cacheEnumerable");
    }
}
