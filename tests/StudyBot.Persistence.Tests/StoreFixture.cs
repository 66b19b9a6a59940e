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
        Notices = new LiteDbMemberNoticeStore(Gate);
        Ratings = new LiteDbRatingStore(Gate);
        Questions = new LiteDbServerQuestionStore(Gate);
        Ledger = new LiteDbStreakLedger(Gate);
        Reminders = new LiteDbReminderStore(Gate);
    }

    public LiteDbGate Gate { get; }

    public LiteDbMemberStore Members { get; }

    public LiteDbServerStore Servers { get; }

    public LiteDbDailyPostStore Posts { get; }

    public LiteDbMemberNoticeStore Notices { get; }

    public LiteDbRatingStore Ratings { get; }
    public LiteDbServerQuestionStore Questions { get; }
    public LiteDbStreakLedger Ledger { get; }
    public LiteDbReminderStore Reminders { get; }

    public int Count(string collection) => Gate.Run(db => db.GetCollection<BsonDocument>(collection).Count());

    /// <summary>Active days stored, over all members.</summary>
    public int CountActiveDays() => CountStreaks("d:");

    /// <summary>Answers stored, over all members: each active day holds its credit, and each practice answer is a document.</summary>
    public int CountAnswers() => CountStreaks("d:") + CountStreaks("p:");

    private int CountStreaks(string prefix) => Gate.Run(db => db.GetCollection(Schema.Streaks).Count(BoundQueries.IdStartsWith(db, prefix)));

    public void Dispose()
    {
        Gate.Dispose();
        _directory.Dispose();
    }
}
