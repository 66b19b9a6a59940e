using System.Text;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Daily;
using StudyBot.Core.Learning;
using StudyBot.Core.Notices;
using StudyBot.Core.Privacy;
using StudyBot.Core.Reminders;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

/// <summary>/my-data and /forget-me over the real stores as the host registers them, checked in the data file itself.</summary>
public sealed class MemberDataTests : IDisposable
{
    private const string Server = "discord:1100000000000000017";
    private const string Forgotten = "u4242forgotten";
    private const string Kept = "u77kept";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ForgetMe_EveryRegisteredPartDeletes_NoDocumentInTheFileMentionsTheMember()
    {
        await using (var provider = Build())
        {
            await SeedAsync(provider, Forgotten);
            await SeedAsync(provider, Kept);
            var data = new MemberData(provider.GetServices<IMemberDataPart>(), new FakeTimeProvider(At));

            var removed = await data.DeleteAsync(Server, Forgotten, CancellationToken.None);

            Assert.True(removed >= 8, $"removed {removed}");
        }

        var documents = ReadAllDocuments(_directory.DataFile);
        Assert.DoesNotContain(documents, d => d.Contains(Forgotten, StringComparison.Ordinal));
        Assert.Contains(documents, d => d.Contains(Kept, StringComparison.Ordinal));

        // The daily slot (the server's exactly-once record) stays.
        Assert.Contains(documents, d => d.Contains("nonce-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MyData_ExportsEveryPart_AsOneJsonFileOfThatMemberOnly()
    {
        await using var provider = Build();
        await SeedAsync(provider, Forgotten);
        await SeedAsync(provider, Kept);
        var data = new MemberData(provider.GetServices<IMemberDataPart>(), new FakeTimeProvider(At));

        var file = await data.ExportAsync(Server, Forgotten, CancellationToken.None);

        var json = Encoding.UTF8.GetString(file.Content);
        Assert.Equal("application/json", file.ContentType);
        Assert.Equal($"studybot-my-data-{Forgotten}.json", file.FileName);
        Assert.Contains("\"streaks\"", json, StringComparison.Ordinal);
        Assert.Contains("\"2026-12-08\"", json, StringComparison.Ordinal);
        Assert.Contains("\"streak-settings\"", json, StringComparison.Ordinal);
        Assert.Contains("\"hiddenFromBoards\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"notices\"", json, StringComparison.Ordinal);
        Assert.Contains("Your freeze covered", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Kept, json, StringComparison.Ordinal);
    }

    private static async Task SeedAsync(ServiceProvider provider, string memberId)
    {
        var members = provider.GetRequiredService<IMemberStore>();
        var ledger = provider.GetRequiredService<IStreakLedger>();
        var notices = provider.GetRequiredService<IMemberNoticeStore>();
        var posts = provider.GetRequiredService<IDailyPostStore>();
        await posts.ClaimAsync(new DailySlot(Server, new DateOnly(2026, 12, 8), DailySlotStatus.Sent, 1, 0, "nonce-1", "msg", At, At), CancellationToken.None);
        foreach (var (day, interaction) in new[] { (7, "a"), (8, "b"), (8, "c") })
        {
            await members.RecordAnswerAsync(
                new AnswerRecord(Server, memberId, "Name " + memberId, new DateOnly(2026, 12, day), "UTC", $"{memberId}-{interaction}", 1, AnswerSource.AnswerCommand, At, "Europe/Berlin"),
                CancellationToken.None);
        }

        await members.SetTimeZoneAsync(Server, memberId, "Name " + memberId, "Europe/Berlin", CancellationToken.None);
        await ledger.AppendFreezeAsync(Server, memberId, new FreezeEvent(FreezeEventKind.Earned, new DateOnly(2026, 12, 7), At), CancellationToken.None);
        await ledger.SaveSettingsAsync(Server, memberId, new MemberStreakSettings(true, [new ZoneChange(At, At.AddHours(15), "Europe/Berlin", null)]), CancellationToken.None);
        await notices.AddAsync(new MemberNotice(Server, memberId, "Your freeze covered Tue 2026-12-08. 1 left.", At), CancellationToken.None);
        await provider.GetRequiredService<IRatingStore>().AddAsync(new RatingRecord(Server, memberId, 12, SelfRating.Partly, new DateOnly(2026, 12, 8), "UTC", At), CancellationToken.None);
        await provider.GetRequiredService<IReminderStore>().SaveAsync(new Reminder(Server, memberId, new TimeOnly(20, 0), new DateOnly(2026, 12, 8), At.AddHours(11), "UTC", null), CancellationToken.None);
    }

    private ServiceProvider Build() =>
        new ServiceCollection()
            .AddStudyBotPersistence(new ConfigurationBuilder().AddInMemoryCollection([new("Storage:Path", _directory.DataFile)]).Build())
            .BuildServiceProvider();

    /// <summary>Every document of every collection in the file, as JSON.</summary>
    private static List<string> ReadAllDocuments(string path)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        return [.. db.GetCollectionNames().SelectMany(name => db.GetCollection(name).FindAll().Select(d => JsonSerializer.Serialize(d)))];
    }
}
