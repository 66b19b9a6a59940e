using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Content;
using StudyBot.Core.Learning;
using StudyBot.Core.Streaks;
using StudyBot.Persistence;

/// <summary>
/// /review and /progress for a member with <see cref="Ratings"/> ratings, on a real LiteDB file beside other members'
/// ratings: each run reads all of the member's ratings and derives the schedule, as the commands do.
/// </summary>
internal static class LearningBench
{
    public const int Ratings = 2_000;
    private const int OtherMembers = 50;
    private const int OtherRatings = 200;
    private const int Runs = 1_000;
    private const string Server = "discord:1000000000000000004";

    public static IEnumerable<Bench.Row> Run(string path)
    {
        var content = ContentLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "content"));
        using var gate = new LiteDbGate(path);
        var ratings = new LiteDbRatingStore(gate);
        var members = new LiteDbMemberStore(gate);
        var now = TimeProvider.System.GetUtcNow();
        var start = now.AddDays(-Ratings / 5.0);

        // The member rated five questions a day for 400 days (spread over all 80, ratings mixed), others fewer.
        var random = new Random(42);
        Seed(ratings, "1", Ratings, start, random);
        for (var m = 2; m < OtherMembers + 2; m++)
        {
            Seed(ratings, m.ToString(CultureInfo.InvariantCulture), OtherRatings, start, random);
        }

        members.SetTimeZoneAsync(Server, "1", "Learner", "Europe/Berlin", CancellationToken.None).GetAwaiter().GetResult();

        // The seeding left ~12,000 writes in the log; the gate's idle checkpoint would copy them into the file during the
        // first command measured (a one-off pause that is no part of /review). A running bot checkpoints when idle.
        gate.Run(db =>
        {
            db.Checkpoint();
            return 0;
        });

        // Likewise the seeding's garbage: collected now rather than in a full collection inside the first measurement.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var streaks = new StreakService(
            members, new LiteDbServerStore(gate), TimeProvider.System, Options.Create(new StreakOptions()),
            new LiteDbStreakLedger(gate), new LiteDbDailyPostStore(gate), new StudyBot.Core.Notices.MemberNotices(new LiteDbMemberNoticeStore(gate), TimeProvider.System));
        var catalog = new StudyBot.Core.Questions.QuestionCatalog(content, new LiteDbServerQuestionStore(gate));
        var learning = new LearningService(ratings, streaks, catalog, TimeProvider.System);
        var request = new CommandRequest(new MemberContext(Server, "1", "Learner", false, null), new Dictionary<string, object>());

        var review = new ReviewCommand(learning);
        var progress = new ProgressCommand(learning, catalog);
        var reviewRow = Measure("/review, member with 2,000 ratings", () => review.HandleAsync(request, CancellationToken.None), r => r.Title.StartsWith("Review", StringComparison.Ordinal));
        var progressRow = Measure("/progress, member with 2,000 ratings", () => progress.HandleAsync(request, CancellationToken.None), r => r.Fields.Count == 5);
        Console.WriteLine($"Learning: {Ratings:N0} ratings for the member, {OtherMembers * OtherRatings:N0} for {OtherMembers} others, file {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
        return [reviewRow, progressRow];
    }

    private static void Seed(LiteDbRatingStore store, string member, int count, DateTimeOffset start, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMinutes(i * 288.0 * Ratings / count);
            var rating = (SelfRating)random.Next(3);
            var record = new RatingRecord(Server, member, (i % 80) + 1, rating, DateOnly.FromDateTime(at.UtcDateTime), "Europe/Berlin", at);
            store.AddAsync(record, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private static Bench.Row Measure(string scenario, Func<Task<Reply>> command, Func<Reply, bool> looksRight)
    {
        // Long enough for the JIT to finish tiering the hot path up (it waits for a quiet 100 ms, then counts calls, then
        // compiles in the background), so the figures are the steady state, not start-up.
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 300 || warmup.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            command().GetAwaiter().GetResult();
        }

        var latencies = new long[Runs];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        Reply? last = null;
        for (var i = 0; i < Runs; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            last = command().GetAwaiter().GetResult();
            latencies[i] = Stopwatch.GetTimestamp() - begin;
        }

        var seconds = clock.Elapsed.TotalSeconds;

        // Allocation per command does not depend on how busy the machine is, unlike the latencies.
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: {allocated / 1024:F0} KiB allocated per command, {seconds * 1000 / Runs:F3} ms mean"));
        if (last is null || !looksRight(last))
        {
            throw new InvalidOperationException($"{scenario}: unexpected reply '{last?.Title}': {last?.Text}");
        }

        return Bench.Measured(scenario, Runs, seconds, latencies, "p99 < 5 ms", p99 => p99 < 5);
    }
}
