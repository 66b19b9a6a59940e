using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
using StudyBot.Core.Questions;
using StudyBot.Core.Reminders;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;
using StudyBot.Persistence;

/// <summary>
/// Finding and sending the due reminders: 100,000 members with reminders spread evenly over the day (one minute of
/// the day each, in UTC and Europe/Berlin servers), 30% of them answering each day, on a real LiteDB file. The clock
/// steps one minute at a time through a whole day, twice: back to back, then with the idle pause the host has between
/// runs; each step runs what the minute loop runs, into a recording sender.
/// Run: dotnet run -c Release --project bench/StudyBot.Benchmarks reminders
/// </summary>
internal static class ReminderBench
{
    private const int Members = 100_000;
    private const int Servers = 10;
    private const int AnsweredTenths = 3;
    private const double TargetMs = 50;

    /// <summary>Longer than the gate's idle checkpoint needs (50 ms quiet, looked at every 100 ms).</summary>
    private static readonly TimeSpan IdleBetweenRuns = TimeSpan.FromMilliseconds(200);

    public static void Run(string root)
    {
        var day = new DateOnly(2026, 12, 8);
        var clock = new ManualClock(new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        using var gate = new LiteDbGate(Path.Combine(root, "reminders.db"));
        var reminders = new LiteDbReminderStore(gate);
        var members = new LiteDbMemberStore(gate);
        var servers = new LiteDbServerStore(gate);
        var posts = new LiteDbDailyPostStore(gate);
        var sender = new RecordingSender();
        var notices = new MemberNotices(new LiteDbMemberNoticeStore(gate), clock);
        var streaks = new StreakService(members, servers, clock, Options.Create(new StreakOptions()), new LiteDbStreakLedger(gate), posts, notices);
        var catalog = new QuestionCatalog(ContentLoader.Load(FindContent()), new LiteDbServerQuestionStore(gate));
        var service = new ReminderService(reminders, streaks, servers, posts, catalog, [sender], notices, clock, NullLogger<ReminderService>.Instance);

        var setup = Stopwatch.StartNew();
        for (var s = 0; s < Servers; s++)
        {
            var serverId = ServerOf(s);
            var zone = s % 2 == 0 ? "UTC" : "Europe/Berlin";
            servers.SaveAsync(new ServerSettings(serverId, "1", new TimeOnly(0, 0), zone, null, false, null, clock.GetUtcNow()), CancellationToken.None).GetAwaiter().GetResult();
            // Each date's question posted at the server's post time, 00:00 on that date in its zone.
            foreach (var date in new[] { day.AddDays(-1), day, day.AddDays(1), day.AddDays(2) })
            {
                var sentAt = TimeZones.ToInstant(date, new TimeOnly(0, 0), TimeZones.FindOrUtc(zone));
                posts.ClaimAsync(new DailySlot(serverId, date, DailySlotStatus.Sent, 1 + (date.Day % 80), 1, "n", "m", sentAt, sentAt), CancellationToken.None).GetAwaiter().GetResult();
            }
        }


        for (var i = 0; i < Members; i++)
        {
            var serverId = ServerOf(i % Servers);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(i % Servers % 2 == 0 ? "UTC" : "Europe/Berlin");
            var at = new TimeOnly(0, 0).AddMinutes(i % 1440);
            var (date, dueAt) = ReminderService.NextDue(at, zone, day, clock.GetUtcNow());
            reminders.SaveAsync(new Reminder(serverId, Member(i), at, date, dueAt, zone.Id == "UTC" ? "UTC" : zone.Id, null), CancellationToken.None).GetAwaiter().GetResult();
            if (i % 10 < AnsweredTenths)
            {
                foreach (var answered in new[] { day, day.AddDays(1) })
                {
                    var answerAt = new DateTimeOffset(answered.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero);
                    members.RecordAnswerAsync(new AnswerRecord(serverId, Member(i), "m" + Member(i), answered, zone.Id, null, 1, AnswerSource.AnswerCommand, answerAt, null), CancellationToken.None).GetAwaiter().GetResult();
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Set up {Members:N0} reminders over {Servers} servers in {setup.Elapsed.TotalSeconds:F1} s"));

        // Warm up on the previous evening (nothing is due before 00:00 UTC on the day, except Berlin's late ones).
        clock.Set(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-2));
        service.RunDueAsync(CancellationToken.None).GetAwaiter().GetResult();

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-1);

        // Back to back: a day's 1,440 runs one after another, so the gate is never idle and LiteDB's checkpoints (the
        // log folded into the file) fall inside runs.
        RunDay(service, clock, sender, start, TimeSpan.Zero, "Back to back (a day's runs one after another)");

        // As the host runs them, once a minute: between two runs the gate is idle and its idle checkpoint folds the log
        // into the file. The pause stands in for the rest of the minute and is not measured.
        RunDay(service, clock, sender, start.AddDays(1), IdleBetweenRuns, $"With {IdleBetweenRuns.TotalMilliseconds:F0} ms idle between runs (as once a minute)");
    }

    private static void RunDay(ReminderService service, ManualClock clock, RecordingSender sender, DateTimeOffset start, TimeSpan idle, string label)
    {
        const int minutes = 24 * 60;
        var latencies = new long[minutes];
        var due = new int[minutes];
        var sentBefore = sender.Count;
        var cpu = TimeSpan.Zero;
        for (var m = 0; m < minutes; m++)
        {
            clock.Set(start.AddMinutes(m + 1));
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var t0 = Stopwatch.GetTimestamp();
            var result = service.RunDueAsync(CancellationToken.None).GetAwaiter().GetResult();
            latencies[m] = Stopwatch.GetTimestamp() - t0;
            cpu += Environment.CpuUsage.TotalTime - cpuBefore;
            due[m] = result.Due;
            if (idle > TimeSpan.Zero)
            {
                Thread.Sleep(idle);
            }
        }

        var sorted = latencies.Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        var p50 = Ms(sorted[(int)Math.Ceiling(0.50 * sorted.Length) - 1]);
        var p99 = Ms(sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1]);
        var max = Ms(sorted[^1]);
        Console.WriteLine();
        Console.WriteLine(label);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {minutes:N0} minutes: due per minute {due.Average():F1} (max {due.Max()}), sent {sender.Count - sentBefore:N0}; process CPU {cpu.TotalMilliseconds / minutes:F2} ms a run on average; load average {LoadAverage()}"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  Per-minute work: p50 {p50:F2} ms, p99 {p99:F2} ms, max {max:F2} ms  (target p99 < {TargetMs} ms: {(p99 < TargetMs ? "met" : "MISSED")})"));
    }

    /// <summary>The 1-minute load average (Linux), so a figure taken on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string ServerOf(int s) => "discord:10000000000000000" + s.ToString("D2", CultureInfo.InvariantCulture);

    private static string Member(int i) => (1_300_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture);

    private static string FindContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "content");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("config/content not found above " + AppContext.BaseDirectory);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset current = now;

        public void Set(DateTimeOffset value) => current = value;

        public override DateTimeOffset GetUtcNow() => current;
    }

    private sealed class RecordingSender : IReminderSender
    {
        private readonly ConcurrentBag<ReminderMessage> sent = [];

        public string Platform => "discord";

        public int Count => sent.Count;

        public Task<ReminderResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken)
        {
            sent.Add(message);
            return Task.FromResult(ReminderResult.Sent);
        }
    }
}
