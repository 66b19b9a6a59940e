using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Daily;
using StudyBot.Core.Notices;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Persistence;

// Streak credits through the LiteDB gate and the leaderboard over it, on real temp files.
// Run: dotnet run -c Release --project bench/StudyBot.Benchmarks [credits]
// An optional first argument sets the number of credits per scenario (default 100,000).
// Mode "history": dotnet run -c Release --project bench/StudyBot.Benchmarks history — /streak view:history for a
// member with a year of days, on a real file.
if (args.Length > 0 && args[0] == "history")
{
    var folder = Path.Combine(Path.GetTempPath(), "studybot-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    try
    {
        Console.WriteLine($"StudyBot /streak history benchmark: LiteDB Direct behind one gate, {Environment.ProcessorCount} cores");
        var row = HistoryBench.Run(Path.Combine(folder, "history.db"));
        Console.WriteLine($"{"Scenario",-52} {"Ops",9} {"Seconds",8} {"Ops/s",9} {"p50 ms",8} {"p99 ms",8} {"p99.9 ms",8} {"max ms",8}  Target");
        Console.WriteLine(row.ToString());
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    return;
}

// Mode "own-questions": a server with the most own questions it may hold (2,000), through the LiteDB store:
// the daily rotation's pool, a lookup by id, and an import of 200 CSV rows.
if (args.Length > 0 && args[0] == "own-questions")
{
    await OwnQuestionsBench.RunAsync();
    return;
}

// Mode "reminders": 100,000 members with reminders spread over the day; the clock steps a minute at a time through a
// day and each step finds and sends the due reminders (ReminderBench.cs).
if (args.Length > 0 && args[0] == "reminders")
{
    var folder = Path.Combine(Path.GetTempPath(), "studybot-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    try
    {
        ReminderBench.Run(folder);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    return;
}

// Mode "credit-cost": allocation and time per credit as the bot sees it (the credit, then the member's days read back,
// as /answer does), for new and for returning members (DiagnosticBench.cs). Mode "checkpoints": the 8 writers paced
// at 5,000/s with every batch over 2 ms listed (a checkpoint shows as one), to see where the tail comes from.
// Mode "returning": only the returning-member rows.
if (args.Length > 0 && args[0] is "credit-cost" or "checkpoints" or "returning")
{
    var folder = Path.Combine(Path.GetTempPath(), "studybot-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    try
    {
        var rows = args[0] switch
        {
            "credit-cost" => DiagnosticBench.CreditCost(folder),
            "checkpoints" => DiagnosticBench.Checkpoints(folder),
            _ => Bench.RunReturningCredits(Path.Combine(folder, "returning.db")).ToList(),
        };
        Console.WriteLine($"{"Scenario",-52} {"Ops",9} {"Seconds",8} {"Ops/s",9} {"p50 ms",8} {"p99 ms",8} {"p99.9 ms",8} {"max ms",8}  Target");
        rows.ForEach(Console.WriteLine);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }

    return;
}

// Or: dotnet run -c Release --project bench/StudyBot.Benchmarks learning   (only /review and /progress, 2,000 ratings)
var learningOnly = args.Length > 0 && args[0] == "learning";
var credits = args.Length > 0 && !learningOnly ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;

var root = Path.Combine(Path.GetTempPath(), "studybot-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
try
{
    Console.WriteLine($"StudyBot storage benchmark: LiteDB Direct behind one gate, {Environment.ProcessorCount} cores, files in {root}");
    Console.WriteLine();

    using (var warmup = new LiteDbGate(Path.Combine(root, "warmup.db")))
    {
        Bench.Credit(new LiteDbMemberStore(warmup), 2_000, writers: 2, serverId: "discord:1");
    }

    var rows = new List<Bench.Row>();
    if (!learningOnly)
    {
        rows.AddRange(Bench.RunCredits(Path.Combine(root, "one-writer.db"), credits, writers: 1, perSecond: null, withLeaderboard: false));
        rows.AddRange(Bench.RunCredits(Path.Combine(root, "eight-writers.db"), credits, writers: 8, perSecond: null, withLeaderboard: true));
        rows.AddRange(Bench.RunCredits(Path.Combine(root, "eight-writers-paced.db"), credits, writers: 8, perSecond: Bench.TargetRate, withLeaderboard: false));
        rows.AddRange(Bench.RunReturningCredits(Path.Combine(root, "returning.db")));
    }

    rows.AddRange(LearningBench.Run(Path.Combine(root, "learning.db")));

    Console.WriteLine();
    Console.WriteLine($"{"Scenario",-52} {"Ops",9} {"Seconds",8} {"Ops/s",9} {"p50 ms",8} {"p99 ms",8} {"p99.9 ms",8} {"max ms",8}  Target");
    Console.WriteLine(new string('-', 136));
    foreach (var row in rows)
    {
        Console.WriteLine(row.ToString());
    }

    Console.WriteLine();
    Console.WriteLine("Closed loop: each writer sends its next credit when its last one returns, so every writer always waits (the capacity).");
    Console.WriteLine($"Paced: credits fall due at {Bench.TargetRate:N0}/s spread over the writers; each latency counts from when the credit was due.");
}
finally
{
    Directory.Delete(root, recursive: true);
}

internal static class Bench
{
    private const int LeaderboardMembers = 1_000;
    private const int LeaderboardRuns = 200;
    private const string CreditServer = "discord:1000000000000000001";
    private const string LeaderboardServer = "discord:1000000000000000002";

    /// <summary>One scenario's outcome; p99.9 and max are shown so that a rare long pause (a checkpoint) is not hidden by p99.</summary>
    internal sealed record Row(string Scenario, int Ops, double Seconds, double P50Ms, double P99Ms, double P999Ms, double MaxMs, string Target, bool Met)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Scenario,-52} {Ops,9:N0} {Seconds,8:F2} {Ops / Seconds,9:N0} {P50Ms,8:F3} {P99Ms,8:F3} {P999Ms,8:F3} {MaxMs,8:F3}  {Target} {(Met ? "met" : "MISSED")}");
    }

    /// <summary>Members of the returning-member rows, and the days each has already answered on (one interaction a day).</summary>
    internal const int ReturningMembers = 5_000;
    internal const int ReturningDays = 32;
    internal const string ReturningServer = "discord:1000000000000000003";
    internal const string CreditServerId = CreditServer;

    /// <summary>
    /// Credits <paramref name="count"/> distinct members on one date from <paramref name="writers"/> threads; returns each
    /// credit's latency. Without <paramref name="perSecond"/> each writer sends its next credit as soon as the last one
    /// returns (closed loop: the store's capacity, every writer always waiting). With it, credits fall due at evenly
    /// spaced times across the writers, as members' answers arrive, and a credit sent late because its writer was still
    /// waiting for the previous one counts from when it was due (open loop, no coordinated omission).
    /// </summary>
    public static long[] Credit(IMemberStore store, int count, int writers, string serverId, int dayOffset = 0, double? perSecond = null)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(dayOffset);
        var latencies = new long[count];
        var startedAt = 0L;
        using var start = new Barrier(writers, _ => Volatile.Write(ref startedAt, Stopwatch.GetTimestamp()));
        var threads = Enumerable.Range(0, writers).Select(writer => new Thread(() =>
        {
            start.SignalAndWait();
            for (var n = writer; n < count; n += writers)
            {
                var answer = new AnswerRecord(
                    serverId,
                    (n + 1).ToString(CultureInfo.InvariantCulture),
                    "Member " + n.ToString(CultureInfo.InvariantCulture),
                    today,
                    "Europe/Berlin",
                    (900_000_000_000_000_000L + (dayOffset * 1_000_000L) + n).ToString(CultureInfo.InvariantCulture),
                    n % 80,
                    AnswerSource.AnswerButton,
                    TimeProvider.System.GetUtcNow());
                var begin = Stopwatch.GetTimestamp();
                if (perSecond is { } rate)
                {
                    // Sleeps in whole milliseconds (spinning would take the store's CPU); a credit sent early counts from
                    // when it was sent, one sent late from when it was due.
                    var due = Volatile.Read(ref startedAt) + (long)(n / rate * Stopwatch.Frequency);
                    var early = (due - begin) * 1000 / Stopwatch.Frequency;
                    if (early >= 1)
                    {
                        Thread.Sleep((int)early);
                    }

                    begin = Math.Min(due, Stopwatch.GetTimestamp());
                }

                var result = store.RecordAnswerAsync(answer, CancellationToken.None).GetAwaiter().GetResult();
                latencies[n] = Stopwatch.GetTimestamp() - begin;
                if (result.Status != CreditStatus.Credited)
                {
                    throw new InvalidOperationException($"Credit {n} was {result.Status}");
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return latencies;
    }

    /// <summary>The target rate: a paced run offers this many credits per second.</summary>
    public const double TargetRate = 5_000;

    /// <summary>
    /// The credit row, then (in the same file, beside the credited members) the leaderboard row if asked. A closed-loop
    /// row is judged on the rate (and with one writer, on p99 too); a paced row on its p99 at the target rate.
    /// </summary>
    public static IEnumerable<Row> RunCredits(string path, int count, int writers, double? perSecond, bool withLeaderboard)
    {
        using var gate = new LiteDbGate(path);
        var store = new LiteDbMemberStore(gate);
        var clock = Stopwatch.StartNew();
        var latencies = Credit(store, count, writers, CreditServer, perSecond: perSecond);
        var seconds = clock.Elapsed.TotalSeconds;
        var members = store.GetMembersAsync(CreditServer, CancellationToken.None).GetAwaiter().GetResult();
        if (members.Count != count || members.Any(m => m.Streak.TotalDays != 1))
        {
            throw new InvalidOperationException($"Expected {count} members with one day each, found {members.Count}");
        }

        var row = Judge($"{count:N0} members", count, writers, perSecond, seconds, latencies);
        Console.WriteLine($"{row.Scenario}: {count / seconds:N0} credits/s, file {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");

        return withLeaderboard ? [row, Leaderboard(gate, store)] : [row];
    }

    /// <summary>
    /// Credits for members who come back: <see cref="ReturningMembers"/> members first answer on
    /// <see cref="ReturningDays"/> consecutive days (not measured), then one more day each with 1 writer, 8 writers and
    /// 8 paced writers.
    /// </summary>
    public static IEnumerable<Row> RunReturningCredits(string path)
    {
        using var gate = new LiteDbGate(path);
        var store = new LiteDbMemberStore(gate);
        for (var day = 0; day < ReturningDays; day++)
        {
            Credit(store, ReturningMembers, writers: 8, ReturningServer, dayOffset: day - ReturningDays - 3);
        }

        var rows = new List<Row>();
        foreach (var (writers, perSecond, day) in new (int, double?, int)[] { (1, null, -3), (8, null, -2), (8, TargetRate, -1) })
        {
            var clock = Stopwatch.StartNew();
            var latencies = Credit(store, ReturningMembers, writers, ReturningServer, dayOffset: day, perSecond: perSecond);
            var seconds = clock.Elapsed.TotalSeconds;
            rows.Add(Judge($"{ReturningMembers:N0} returning", ReturningMembers, writers, perSecond, seconds, latencies));
            Console.WriteLine($"{rows[^1].Scenario} ({ReturningDays} days before): {ReturningMembers / seconds:N0} credits/s");
        }

        var member = store.GetMemberAsync(ReturningServer, "1", CancellationToken.None).GetAwaiter().GetResult();
        if (member?.Streak.TotalDays != ReturningDays + 3)
        {
            throw new InvalidOperationException($"Expected {ReturningDays + 3} days, found {member?.Streak.TotalDays}");
        }

        return rows;
    }

    private static Row Judge(string members, int count, int writers, double? perSecond, double seconds, long[] latencies)
    {
        var rate = count / seconds;
        var (how, target, met) = (writers, perSecond) switch
        {
            (_, { } paced) => ($"paced {paced:N0}/s", "p99 < 1 ms", (Func<double, bool>)(p99 => p99 < 1)),
            (1, null) => ("closed loop", "≥ 5,000/s, p99 < 1 ms", p99 => rate >= TargetRate && p99 < 1),
            _ => ("closed loop", "≥ 5,000/s", _ => rate >= TargetRate),
        };
        return Measured($"Credits, {writers} writer{(writers == 1 ? "" : "s")} {how}, {members}", count, seconds, latencies, target, met);
    }

    /// <summary>A row from each operation's latency; <paramref name="met"/> judges the p99 (ms) and whatever else the target names.</summary>
    public static Row Measured(string scenario, int ops, double seconds, long[] latencies, string target, Func<double, bool> met)
    {
        var p99 = Milliseconds(Percentile(latencies, 0.99));
        return new Row(
            scenario,
            ops,
            seconds,
            Milliseconds(Percentile(latencies, 0.50)),
            p99,
            Milliseconds(Percentile(latencies, 0.999)),
            Milliseconds(latencies.Max()),
            target,
            met(p99));
    }

    /// <summary>A server of 1,000 members with streaks of 1 to 60 days, some broken, next to the credit benchmark's members.</summary>
    private static Row Leaderboard(LiteDbGate gate, LiteDbMemberStore store)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var answers = 0;
        for (var m = 0; m < LeaderboardMembers; m++)
        {
            var length = (m * 37 % 60) + 1;
            var last = today.AddDays(-(m % 4)); // today, yesterday (still current) or older (broken)
            for (var d = length - 1; d >= 0; d--)
            {
                var answer = new AnswerRecord(
                    LeaderboardServer, (m + 1).ToString(CultureInfo.InvariantCulture), "Learner " + m.ToString("D4", CultureInfo.InvariantCulture), last.AddDays(-d),
                    "UTC", null, null, AnswerSource.AnswerCommand, TimeProvider.System.GetUtcNow());
                store.RecordAnswerAsync(answer, CancellationToken.None).GetAwaiter().GetResult();
                answers++;
            }
        }

        var service = new StreakService(
            store, new LiteDbServerStore(gate), TimeProvider.System, Options.Create(new StreakOptions()),
            new LiteDbStreakLedger(gate), new LiteDbDailyPostStore(gate), new MemberNotices(new LiteDbMemberNoticeStore(gate), TimeProvider.System));
        for (var i = 0; i < 10; i++)
        {
            service.GetLeaderboardAsync(LeaderboardServer, CancellationToken.None).GetAwaiter().GetResult();
        }

        var latencies = new long[LeaderboardRuns];
        IReadOnlyList<LeaderboardEntry> top = [];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < LeaderboardRuns; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            top = service.GetLeaderboardAsync(LeaderboardServer, CancellationToken.None).GetAwaiter().GetResult();
            latencies[i] = Stopwatch.GetTimestamp() - begin;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (top.Count != StreakService.LeaderboardSize || top[0].Current < 50)
        {
            throw new InvalidOperationException($"Unexpected leaderboard: {top.Count} entries, first current {(top.Count > 0 ? top[0].Current : 0)}");
        }

        Console.WriteLine($"Leaderboard server: {LeaderboardMembers:N0} members, {answers:N0} answers; top entry {top[0].DisplayName} with {top[0].Current} days");
        return Measured($"Leaderboard top 10 of {LeaderboardMembers:N0} members", LeaderboardRuns, seconds, latencies, "< 10 ms", p99 => p99 < 10);
    }

    private static long Percentile(long[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// /streak view:history days:30 through the command handler, for a member with a year of days on a server that posted
/// every day of that year (a missed day each month, a skipped day each fortnight), all on one real LiteDB file.
/// </summary>
internal static class HistoryBench
{
    private const string Server = "discord:1000000000000000009";
    private const string Member = "4242";
    private const int Days = 365;
    private const int Runs = 2_000;

    public static Bench.Row Run(string path)
    {
        using var gate = new LiteDbGate(path);
        var time = TimeProvider.System;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var members = new LiteDbMemberStore(gate);
        var servers = new LiteDbServerStore(gate);
        var posts = new LiteDbDailyPostStore(gate);
        servers.SaveAsync(new ServerSettings(Server, "c", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, now.AddDays(-Days - 10)), CancellationToken.None).GetAwaiter().GetResult();
        for (var i = Days; i >= 1; i--)
        {
            var date = today.AddDays(-i);
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
            var skipped = i % 14 == 0;
            posts.ClaimAsync(new DailySlot(Server, date, skipped ? DailySlotStatus.Skipped : DailySlotStatus.Sent, skipped ? null : i, 0, "n" + i, "m", at, skipped ? null : at), CancellationToken.None).GetAwaiter().GetResult();
            if (i % 30 != 0 && i % 14 != 0)
            {
                members.RecordAnswerAsync(
                    new AnswerRecord(Server, Member, "Ada", date, "Europe/Berlin", "i" + i, i, AnswerSource.AnswerCommand, at.AddHours(10)),
                    CancellationToken.None).GetAwaiter().GetResult();
            }
        }

        members.SetTimeZoneAsync(Server, Member, "Ada", "Europe/Berlin", CancellationToken.None).GetAwaiter().GetResult();
        var streaks = new StreakService(
            members, servers, time, Options.Create(new StreakOptions()),
            new LiteDbStreakLedger(gate), posts, new MemberNotices(new LiteDbMemberNoticeStore(gate), time));
        var command = new StreakCommand(streaks);
        var request = new CommandRequest(
            new MemberContext(Server, Member, "Ada", false, null),
            new Dictionary<string, object> { ["view"] = "history", ["days"] = 30 });
        Reply reply = Reply.Failure();
        for (var i = 0; i < 50; i++)
        {
            reply = command.HandleAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        }

        var latencies = new long[Runs];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            reply = command.HandleAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            latencies[i] = Stopwatch.GetTimestamp() - begin;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Runs / 1024.0:F0} KB per request; {GC.CollectionCount(0) - collections} gen0 collections"));
        if (!reply.Text.Contains("counted", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Unexpected history: " + reply.Text);
        }

        Console.WriteLine(reply.Text.Split('\n')[0]);
        return Bench.Measured($"/streak history days:30, a year of days", Runs, seconds, latencies, "p99 < 5 ms", p99 => p99 < 5);
    }
}
