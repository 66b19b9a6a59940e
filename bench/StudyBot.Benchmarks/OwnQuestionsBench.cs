using System.Diagnostics;
using System.Globalization;
using System.Text;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Persistence;

/// <summary>A server's own questions at their cap (2,000) on a real LiteDB file: what the daily post and /question pay for them.</summary>
internal static class OwnQuestionsBench
{
    private const string Server = "discord:1000000000000000009";
    private const int Runs = 500;
    private const int Imports = 10;
    private const int HistoryDays = 365;

    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "studybot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var content = ContentLoader.Load(ContentDirectory());
            using var gate = new LiteDbGate(Path.Combine(root, "own.db"));
            var store = new LiteDbServerQuestionStore(gate);
            var catalog = new QuestionCatalog(content, store);
            var drafts = Enumerable.Range(1, OwnQuestionRules.MaxQuestionsPerServer - (Imports * 200))
                .Select(i => new OwnQuestionDraft($"Own benchmark question number {i}: how would you approach it?", QuestionCategories.All[i % 4], ["Point one here", "Point two here", "Point three here"], ["A pitfall"]))
                .ToList();
            await store.AddAsync(Server, drafts, "admin", TimeProvider.System.GetUtcNow(), CancellationToken.None);

            var rows = new List<(string Scenario, double[] Ms)>();
            var imports = new double[Imports];
            for (var i = 0; i < Imports; i++)
            {
                var csv = new StringBuilder("text,category,points\n");
                for (var row = 0; row < 200; row++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"Imported question {i}-{row}: how would you test it?,algorithms,a point | another point | a third point\n");
                }

                var started = Stopwatch.GetTimestamp();
                var parsed = QuestionImport.Parse(csv.ToString());
                await store.AddAsync(Server, [.. parsed.Rows.Select(r => r.Draft)], "admin", TimeProvider.System.GetUtcNow(), CancellationToken.None);
                imports[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var settings = new ServerSettings(Server, "daily", new TimeOnly(9, 0), "UTC", null, false, null, TimeProvider.System.GetUtcNow());
            rows.Add(("Rotation pool: guide 80 + own 2,000 (daily post)", await TimeAsync(() => catalog.RotationPoolAsync(settings, CancellationToken.None))));

            // A year of daily posts behind the server, then what one daily post pays to choose: the pool and the pick.
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var history = new List<DailySlot>();
            var pool = await catalog.RotationPoolAsync(settings, CancellationToken.None);
            for (var day = HistoryDays; day > 0; day--)
            {
                var date = today.AddDays(-day);
                var (question, cycle) = QuestionRotation.PickNext(pool, history, date);
                history.Add(new DailySlot(Server, date, DailySlotStatus.Sent, question.Id, cycle, $"n{day}", "m", TimeProvider.System.GetUtcNow(), null));
            }

            rows.Add(("Rotation pool + pick, 2,080 questions, 365 posted", await TimeAsync(async () =>
                QuestionRotation.PickNext(await catalog.RotationPoolAsync(settings, CancellationToken.None), history, today))));
            rows.Add(("Rotation pick only (QuestionRotation.PickNext)", await TimeAsync(() => Task.FromResult(QuestionRotation.PickNext(pool, history, today)))));
            rows.Add(("Find own question by id (/answer, /question, post)", await TimeAsync(() => catalog.FindAsync(Server, 1500, CancellationToken.None))));
            rows.Add(("Import 200 CSV rows (parse + one insert)", imports));

            // /import-questions as an admin runs it, in a server with 1,800 questions: every row is checked against all
            // of them, and here every row is already asked, so nothing is added and each run is the same.
            const string Full = "discord:1000000000000000010";
            var fullDrafts = Enumerable.Range(1, 1_800)
                .Select(i => new OwnQuestionDraft($"How would you run experiment number {i} for a ranking model?", QuestionCategories.All[i % 4], [], []))
                .ToList();
            await store.AddAsync(Full, fullDrafts, "admin", TimeProvider.System.GetUtcNow(), CancellationToken.None);
            var service = new OwnQuestionService(store, content, new StudyBot.Core.Notices.MemberNotices(new LiteDbMemberNoticeStore(gate), TimeProvider.System), TimeProvider.System);
            var admin = new StudyBot.Core.Streaks.MemberContext(Full, "admin", "Admin", true, null);
            var repeats = new StringBuilder("text,category\n");
            foreach (var draft in fullDrafts.Skip(1_600))
            {
                repeats.Append(CultureInfo.InvariantCulture, $"{draft.Text},algorithms\n");
            }

            var repeated = repeats.ToString();
            rows.Add(("/import-questions 200 rows vs 1,800 (all refused)", await TimeAsync(async () =>
            {
                var report = await service.ImportAsync(admin, repeated, CancellationToken.None);
                return report.Refused.Count == 200 && report.Added.Count == 0 ? report : throw new InvalidOperationException("The import did not refuse every row.");
            })));

            Console.WriteLine($"Own questions benchmark: {OwnQuestionRules.MaxQuestionsPerServer:N0} own questions in one server, LiteDB, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"Scenario",-52} {"Runs",6} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
            foreach (var (scenario, ms) in rows)
            {
                Array.Sort(ms);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario,-52} {ms.Length,6} {ms[ms.Length / 2],8:F3} {ms[(int)Math.Ceiling(ms.Length * 0.99) - 1],8:F3} {ms[^1],8:F3}"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<double[]> TimeAsync<T>(Func<Task<T>> work)
    {
        // Long enough for the JIT to finish tiering the hot path up, so the figures are the steady state, not start-up.
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 20 || warmup.Elapsed < TimeSpan.FromSeconds(1); i++)
        {
            await work();
        }

        var ms = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await work();
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return ms;
    }

    private static string ContentDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "content");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("config/content not found above the benchmark's folder.");
    }
}
