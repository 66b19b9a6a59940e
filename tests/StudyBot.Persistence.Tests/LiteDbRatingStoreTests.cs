using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Learning;
using StudyBot.Core.Privacy;

namespace StudyBot.Persistence.Tests;

/// <summary>Ratings are a member's data: /my-data exports them and /forget-me deletes them, through the registered part.</summary>
public sealed class LiteDbRatingStoreTests : IDisposable
{
    private const string Server = "discord:1100000000000000017";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 23, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Registered_AsAMemberDataPart_ExportsAndDeletesTheMembersRatings()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = _directory.DataFile })
            .Build();
        await using var provider = new ServiceCollection().AddStudyBotPersistence(configuration).BuildServiceProvider();
        var store = provider.GetRequiredService<IRatingStore>();
        var part = Assert.Single(provider.GetServices<IMemberDataPart>(), p => p.Name == "ratings");
        await store.AddAsync(new RatingRecord(Server, "7", 12, SelfRating.Partly, new DateOnly(2026, 12, 9), "Europe/Berlin", At), default);
        await store.AddAsync(new RatingRecord(Server, "8", 3, SelfRating.Got, new DateOnly(2026, 12, 8), "UTC", At), default);

        var export = await part.ExportAsync(Server, "7", default);

        var only = Assert.Single(Assert.IsType<JsonArray>(export));
        Assert.Equal(12, (int)only!["question"]!);
        Assert.Equal(
            ("partly", "2026-12-09", "Europe/Berlin", "2026-12-08T23:30:00.0000000+00:00"),
            ((string)only["rating"]!, (string)only["localDate"]!, (string)only["timeZone"]!, (string)only["ratedAt"]!));
        Assert.Equal(1, await part.DeleteAsync(Server, "7", default));
        Assert.Null(await part.ExportAsync(Server, "7", default));
        Assert.Single(await store.GetAsync(Server, "8", default));
    }

    [Fact]
    public async Task Reopened_TheRatingsAreStillThere()
    {
        using (var gate = new LiteDbGate(_directory.DataFile))
        {
            await new LiteDbRatingStore(gate).AddAsync(new RatingRecord(Server, "7", 5, SelfRating.Missed, new DateOnly(2026, 12, 8), "UTC", At), default);
        }

        using var reopened = new LiteDbGate(_directory.DataFile);
        var rating = Assert.Single(await new LiteDbRatingStore(reopened).GetAsync(Server, "7", default));
        Assert.Equal((5, SelfRating.Missed), (rating.QuestionId, rating.Rating));
    }
}
