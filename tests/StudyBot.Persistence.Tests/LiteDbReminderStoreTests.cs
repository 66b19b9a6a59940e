using StudyBot.Core.Reminders;

namespace StudyBot.Persistence.Tests;

public sealed class LiteDbReminderStoreTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void DueQuery_ReadsTheDueIndex_WithoutSortingOrScanning()
    {
        var plan = _store.Gate.Run(db => LiteDbReminderStore.DueQuery(db, 1000, 10).GetPlan());

        Assert.Equal(Schema.ReminderDueIndex, plan["index"]["name"].AsString);
        Assert.False(plan.ContainsKey("orderBy"), plan.ToString());
    }

    [Fact]
    public async Task GetDueAsync_ExactlyAtTheDueInstant_IsDue()
    {
        var at = new DateTimeOffset(2026, 12, 8, 19, 0, 0, TimeSpan.Zero);
        await _store.Reminders.SaveAsync(new Reminder("console:local", "local", new TimeOnly(20, 0), new DateOnly(2026, 12, 8), at, "Europe/Berlin", null), CancellationToken.None);

        Assert.Single(await _store.Reminders.GetDueAsync(at, 10, CancellationToken.None));
        Assert.Empty(await _store.Reminders.GetDueAsync(at.AddTicks(-1), 10, CancellationToken.None));
        Assert.Equal(1, _store.Count(Schema.Reminders));
    }
}
