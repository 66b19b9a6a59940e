using StudyBot.Core.Learning;

namespace StudyBot.Core.Contracts;

/// <summary>What <see cref="IRatingStore"/> promises, checked through the port alone. Derive once per implementation.</summary>
public abstract class RatingStoreContract
{
    private const string Server = "discord:1100000000000000017";
    private const string OtherServer = "slack:T0STUDY001";
    private static readonly DateTimeOffset At = new(2026, 12, 8, 7, 0, 0, TimeSpan.Zero);

    private IRatingStore? store;

    protected IRatingStore Store => store ??= CreateStore();

    protected abstract IRatingStore CreateStore();

    [Fact]
    public async Task GetAsync_ReturnsEveryFieldInTheOrderAdded()
    {
        var first = Rating(Server, "m1", 7, SelfRating.Missed, At, new DateOnly(2026, 12, 8), "America/New_York");
        var second = Rating(Server, "m1", 12, SelfRating.Got, At.AddDays(1).AddTicks(7), new DateOnly(2026, 12, 9), "Europe/Berlin");
        await Store.AddAsync(first, CancellationToken.None);
        await Store.AddAsync(second, CancellationToken.None);

        var ratings = await Store.GetAsync(Server, "m1", CancellationToken.None);

        Assert.Equal([first, second], ratings);
    }

    [Fact]
    public async Task GetAsync_ManyRatings_AllInTheOrderAdded()
    {
        for (var i = 0; i < 250; i++)
        {
            await Store.AddAsync(Rating(Server, "m1", (i % 80) + 1, (SelfRating)(i % 3), At.AddMinutes(i)), CancellationToken.None);
        }

        var ratings = await Store.GetAsync(Server, "m1", CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 250).Select(i => (i % 80) + 1), ratings.Select(r => r.QuestionId));
        Assert.Equal(250, await Store.DeleteAsync(Server, "m1", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_RatingsInTheSameInstant_KeepTheOrderTheyWereAddedIn()
    {
        await Store.AddAsync(Rating(Server, "m1", 3, SelfRating.Missed, At), CancellationToken.None);
        await Store.AddAsync(Rating(Server, "m1", 3, SelfRating.Got, At), CancellationToken.None);
        await Store.AddAsync(Rating(Server, "m1", 3, SelfRating.Partly, At), CancellationToken.None);

        var ratings = await Store.GetAsync(Server, "m1", CancellationToken.None);

        Assert.Equal([SelfRating.Missed, SelfRating.Got, SelfRating.Partly], ratings.Select(r => r.Rating));
    }

    [Fact]
    public async Task GetAsync_OtherMembersAndServers_AreApart()
    {
        await Store.AddAsync(Rating(Server, "m1", 1, SelfRating.Got, At), CancellationToken.None);
        await Store.AddAsync(Rating(Server, "m10", 2, SelfRating.Got, At), CancellationToken.None);
        await Store.AddAsync(Rating(OtherServer, "m1", 3, SelfRating.Got, At), CancellationToken.None);

        Assert.Equal([1], (await Store.GetAsync(Server, "m1", CancellationToken.None)).Select(r => r.QuestionId));
        Assert.Equal([2], (await Store.GetAsync(Server, "m10", CancellationToken.None)).Select(r => r.QuestionId));
        Assert.Equal([3], (await Store.GetAsync(OtherServer, "m1", CancellationToken.None)).Select(r => r.QuestionId));
        Assert.Empty(await Store.GetAsync(Server, "m2", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_RemovesOnlyTheMembersAndCountsThem()
    {
        await Store.AddAsync(Rating(Server, "m1", 1, SelfRating.Got, At), CancellationToken.None);
        await Store.AddAsync(Rating(Server, "m1", 2, SelfRating.Missed, At.AddMinutes(1)), CancellationToken.None);
        await Store.AddAsync(Rating(Server, "m2", 1, SelfRating.Got, At), CancellationToken.None);

        Assert.Equal(2, await Store.DeleteAsync(Server, "m1", CancellationToken.None));
        Assert.Empty(await Store.GetAsync(Server, "m1", CancellationToken.None));
        Assert.Single(await Store.GetAsync(Server, "m2", CancellationToken.None));
        Assert.Equal(0, await Store.DeleteAsync(Server, "m1", CancellationToken.None));
    }

    private static RatingRecord Rating(
        string server, string member, int question, SelfRating rating, DateTimeOffset at, DateOnly? localDate = null, string zone = "UTC") =>
        new(server, member, question, rating, localDate ?? DateOnly.FromDateTime(at.UtcDateTime), zone, at);
}
