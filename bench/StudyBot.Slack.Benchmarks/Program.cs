using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Slack;
using StudyBot.Slack.Tests.Fake;
using StudyBot.Worker.Hosting;

// The Slack adapter under load, through the real host (Worker + LiteDB + Quartz + Slack client) against the loopback
// fake Slack in the same process. Run: dotnet run -c Release --project bench/StudyBot.Slack.Benchmarks [commands] [posts]
var commands = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var posts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;

var root = Directory.CreateTempSubdirectory("studybot-slack-bench-");
try
{
    Console.WriteLine($"StudyBot Slack benchmarks: real host against the loopback fake Slack, {Environment.ProcessorCount} cores");
    Console.WriteLine();
    await Benchmarks.RoundTripAsync(root.FullName, commands);
    Console.WriteLine();
    await Benchmarks.FanOutAsync(root.FullName, posts);
}
finally
{
    root.Delete(recursive: true);
}

internal static class Benchmarks
{
    private const int Warmup = 500;
    private const int Members = 50;
    private const string Channel = "C0DAILY";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static IHost Host(FakeSlack fake, string folder, string name) =>
        StudyBotHost.Build(
        [
            $"--Storage:Path={Path.Combine(folder, name + ".db")}",
            $"--Slack:BotToken={fake.BotToken}",
            $"--Slack:AppToken={fake.AppToken}",
            $"--Slack:ApiBaseUrl={fake.ApiBaseUrl}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:StudyBot=Warning",
        ]);

    /// <summary>A /study slash command envelope pushed on the socket → its acknowledgement (with the reply), by the fake's clock.</summary>
    public static async Task RoundTripAsync(string folder, int count)
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.AddUser(new FakeSlackUser("U0ADMIN") { IsAdmin = true, Tz = "Europe/Berlin" });
        for (var i = 0; i < Members; i++)
        {
            fake.AddUser(new FakeSlackUser(MemberId(i)) { Tz = i % 2 == 0 ? "Asia/Tokyo" : "America/New_York" });
        }

        using var host = Host(fake, folder, "round-trip");
        await host.StartAsync();
        await fake.WaitForHelloAsync(0, Patience);

        // A workspace with a posted daily question, so /study answer credits streaks in storage.
        await Send(fake, "setup channel:<#C0DAILY|daily> time:09:00 timezone:Europe/Berlin", "U0ADMIN");
        await Send(fake, "schedule action:post-now", "U0ADMIN");

        // The warm-up also fills the profile cache: users.info is Tier 4 (100 a minute), looked up once per member.
        for (var i = 0; i < Warmup; i++)
        {
            await Send(fake, Next(i), MemberId(i));
        }

        var latencies = new double[count];
        var bare = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var ack = await Send(fake, Next(Warmup + i), MemberId(Warmup + i));
            latencies[i] = ack.Latency!.Value.TotalMilliseconds;
            bare += ack.Payload is null ? 1 : 0;
        }

        clock.Stop();
        await host.StopAsync();
        Array.Sort(latencies);
        var p99 = Percentile(latencies, 0.99);
        Console.WriteLine($"Slash command round trip: {count:N0} commands (lookups, streak, leaderboard, answer from {Members} members) in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p50 {Percentile(latencies, 0.50):F2} ms   p99 {p99:F2} ms   max {latencies[^1]:F2} ms   answered later via response_url {bare}   target p99 < 10 ms: {(p99 < 10 ? "met" : "MISSED")}"));
        Console.WriteLine($"  Block Kit or API violations: {fake.Violations.Count(v => v.Kind != ViolationKind.Advice)}");
    }

    /// <summary>
    /// Many daily posts at once through one client, held to the fake's documented limits (chat.postMessage about 1 a
    /// second per channel and a workspace cap; other methods by tier). Socket Mode serves the workspace its bot token
    /// belongs to, so the posts go to that workspace's API as they would for as many scheduled workspaces.
    /// </summary>
    public static async Task FanOutAsync(string folder, int count)
    {
        await using var fake = await FakeSlack.StartAsync();
        using var host = Host(fake, folder, "fan-out");
        await host.StartAsync();
        await fake.WaitForHelloAsync(0, Patience);

        var store = host.Services.GetRequiredService<IServerStore>();
        var ids = Enumerable.Range(0, count).Select(i => SlackIds.Server($"T{i:D8}")).ToList();
        for (var i = 0; i < count; i++)
        {
            await store.SaveAsync(new ServerSettings(ids[i], $"C{i:D8}", new TimeOnly(9, 0), "UTC", null, false, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        }

        var daily = host.Services.GetRequiredService<DailyQuestionService>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, ct) =>
        {
            var result = await daily.PostNowAsync(id, ct);
            if (result.Outcome != DailyRunOutcome.Posted)
            {
                Interlocked.Increment(ref failed);
            }
        });
        clock.Stop();
        await host.StopAsync();

        var posted = fake.Messages.Count(m => m.Source == MessageSource.PostMessage);
        var perMinute = fake.RateLimits.WorkspacePostsPerWindow;
        Console.WriteLine($"Daily fan-out: {count:N0} daily posts through one client; the fake allows {perMinute} chat.postMessage a minute per workspace and 1 a second per channel");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  total {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalMinutes:F0} a minute)   posted {posted}   not posted {failed}   429s {fake.TooManyRequestsSent}   violations {fake.Violations.Count(v => v.Kind != ViolationKind.Advice)}   target zero 429s, all posted: {(fake.TooManyRequestsSent == 0 && failed == 0 && posted == count ? "met" : "MISSED")}"));
    }

    private static string MemberId(int i) => $"U{i % Members:D8}";

    private static string Next(int i) => (i % 6) switch
    {
        0 => $"roadmap phase:{(i % 4) + 1}",
        1 => "salary level:senior region:usa",
        2 => $"question id:{(i % 80) + 1}",
        3 => "streak",
        4 => "leaderboard",
        _ => "answer text:\"Feature stores serve the same features to training and serving.\"",
    };

    private static async Task<ReceivedAck> Send(FakeSlack fake, string text, string user)
    {
        var sent = await fake.PushAsync(fake.Payloads.SlashCommand("/study", text, user, Channel));
        return await sent.WaitForAckAsync(Patience);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
