using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StudyBot.Core.Notices;
using StudyBot.Core.Streaks;
using StudyBot.Persistence;

/// <summary>
/// Diagnostic runs for the storage work of issue 11: what a credit costs in allocations and time as the bot sees it,
/// and where the paced writers' tail comes from.
/// </summary>
internal static class DiagnosticBench
{
    private const int Members = 1_000;
    private const string Server = "discord:1000000000000000007";

    /// <summary>
    /// Bytes allocated (all threads) and time per credit: the store's credit alone, and the credit as /answer makes it
    /// through <see cref="StreakService.CreditAnswerAsync"/> (member, settings, slots, the credit, the days read back).
    /// New members first, then the same members returning after <see cref="Bench.ReturningDays"/> earlier days.
    /// </summary>
    public static List<Bench.Row> CreditCost(string folder)
    {
        using var gate = new LiteDbGate(Path.Combine(folder, "credit-cost.db"));
        var store = new LiteDbMemberStore(gate);
        // Dates: the measured credits on days -40 and -39 from today, the setup's days (Bench.Credit counts from today) on
        // -38 … -9, the returning credits on -8 and -7: every credit is for a day after the member's last one.
        var clock = new SettableClock(TimeProvider.System.GetUtcNow().AddDays(-40));
        var service = new StreakService(
            store, new LiteDbServerStore(gate), clock, Options.Create(new StreakOptions()),
            new LiteDbStreakLedger(gate), new LiteDbDailyPostStore(gate), new MemberNotices(new LiteDbMemberNoticeStore(gate), clock));
        var rows = new List<Bench.Row>();
        var interaction = 0L;

        // Warm-up on another server, so the first measured credits do not pay for JIT.
        for (var i = 0; i < 500; i++)
        {
            Answer(service, "discord:9", i, ref interaction);
        }

        rows.Add(Measure("Store credit, new member", i => store.RecordAnswerAsync(Record(Server, i, clock, ref interaction), CancellationToken.None).GetAwaiter().GetResult()));
        clock.Advance(TimeSpan.FromDays(1));
        rows.Add(Measure("/answer credit (StreakService), member with 1 day", i => Answer(service, Server, i, ref interaction)));
        for (var day = 0; day < Bench.ReturningDays - 2; day++)
        {
            Bench.Credit(store, Members, writers: 2, Server, dayOffset: -38 + day);
        }

        clock.Advance(TimeSpan.FromDays(31));
        rows.Add(Measure($"Store credit, member with {Bench.ReturningDays} days", i => store.RecordAnswerAsync(Record(Server, i, clock, ref interaction), CancellationToken.None).GetAwaiter().GetResult()));
        clock.Advance(TimeSpan.FromDays(1));
        rows.Add(Measure($"/answer credit (StreakService), {Bench.ReturningDays + 1} days", i => Answer(service, Server, i, ref interaction)));
        rows.Add(Measure("/answer again the same day (practice)", i => Answer(service, Server, i, ref interaction)));
        return rows;
    }

    /// <summary>The paced 8 writers over 100,000 new members, with every batch over 2 ms listed by its duration.</summary>
    public static List<Bench.Row> Checkpoints(string folder)
    {
        var path = Path.Combine(folder, "checkpoints.db");
        using var gate = new LiteDbGate(path);
        var slow = new List<(double At, double Ms, int Items, long Log)>();
        var batches = 0L;
        var items = 0L;
        var started = Stopwatch.GetTimestamp();
        var log = Path.ChangeExtension(path, null) + "-log.db";
        // STUDYBOT_CHECKPOINT_PAGES sets the gate's own checkpoint threshold for the run (0: LiteDB's auto-checkpoint only).
        if (int.TryParse(Environment.GetEnvironmentVariable("STUDYBOT_CHECKPOINT_PAGES"), CultureInfo.InvariantCulture, out var threshold))
        {
            gate.CheckpointPages = threshold;
        }

        var checkpoints = new List<(double Ms, long Pages)>();
        gate.CheckpointObserver = (ticks, pages) => checkpoints.Add((ticks * 1000.0 / Stopwatch.Frequency, pages));
        gate.BatchObserver = (ticks, count) =>
        {
            batches++;
            items += count;
            var ms = ticks * 1000.0 / Stopwatch.Frequency;
            if (ms > 2)
            {
                slow.Add((Stopwatch.GetElapsedTime(started).TotalSeconds, ms, count, File.Exists(log) ? new FileInfo(log).Length / 8192 : 0));
            }
        };
        var rows = new List<Bench.Row>();
        var store = new LiteDbMemberStore(gate);
        var clock = Stopwatch.StartNew();
        // STUDYBOT_PACED_RATE offers another rate (credits/s), to compare tails on a machine that cannot sustain 5,000/s.
        var rate = double.TryParse(Environment.GetEnvironmentVariable("STUDYBOT_PACED_RATE"), CultureInfo.InvariantCulture, out var offered) ? offered : Bench.TargetRate;
        var latencies = Bench.Credit(store, 100_000, 8, Bench.CreditServerId, perSecond: rate);
        var seconds = clock.Elapsed.TotalSeconds;
        gate.BatchObserver = null;
        gate.CheckpointObserver = null;
        if (checkpoints.Count > 0)
        {
            var ms = checkpoints.Select(c => c.Ms).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Gate checkpoints at {gate.CheckpointPages} pages: {checkpoints.Count}, {checkpoints.Average(c => c.Pages):F0} pages each on average, p50 {ms[ms.Count / 2]:F2} ms, max {ms[^1]:F2} ms, total {ms.Sum():F0} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{batches:N0} batches, {items / (double)batches:F2} items a batch; {slow.Count} over 2 ms, {slow.Count(s => s.Ms > 5)} over 5 ms:"));
        foreach (var (at, ms, count, pages) in slow.Where(s => s.Ms > 5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  at {at,7:F3} s: {ms,7:F2} ms, {count,3} items, log {pages,5} pages after"));
        }

        rows.Add(Bench.Measured($"Credits, 8 writers paced {rate:N0}/s, 100,000 members", 100_000, seconds, latencies, "p99 ≤ 5 ms", p99 => p99 <= 5));
        return rows;
    }

    private static Bench.Row Measure(string scenario, Action<int> credit)
    {
        var latencies = new long[Members];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Members; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            credit(i);
            latencies[i] = Stopwatch.GetTimestamp() - begin;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)Members;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Members;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: {bytes / 1024:F1} KB allocated and {cpuMs:F3} ms process CPU per credit"));
        return Bench.Measured($"{scenario} ({bytes / 1024:F1} KB)", Members, seconds, latencies, "", _ => true);
    }

    private static AnswerRecord Record(string server, int member, TimeProvider clock, ref long interaction)
    {
        var now = clock.GetUtcNow();
        interaction++;
        return new AnswerRecord(
            server, (member + 1).ToString(CultureInfo.InvariantCulture), "Member " + member.ToString(CultureInfo.InvariantCulture), DateOnly.FromDateTime(now.UtcDateTime),
            "UTC", "7" + interaction.ToString(CultureInfo.InvariantCulture), 3, AnswerSource.AnswerButton, now);
    }

    private static void Answer(StreakService service, string server, int member, ref long interaction)
    {
        interaction++;
        var context = new MemberContext(server, (member + 1).ToString(CultureInfo.InvariantCulture), "Member " + member.ToString(CultureInfo.InvariantCulture), false, "8" + interaction.ToString(CultureInfo.InvariantCulture));
        service.CreditAnswerAsync(context, 3, AnswerSource.AnswerButton, CancellationToken.None).GetAwaiter().GetResult();
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
