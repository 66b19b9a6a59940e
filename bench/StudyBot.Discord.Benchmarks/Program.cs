using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Discord;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Worker.Hosting;

// The Discord adapter under load, through the real host (Worker + LiteDB + Quartz + Discord client) against the
// loopback fake Discord. Run: dotnet run -c Release --project bench/StudyBot.Discord.Benchmarks [interactions] [servers] [limit]
// Mode "process": the Worker in its own process (CPU, memory and start-up of the bot alone): ... -- process [interactions|idle]
if (args.Length > 0 && args[0] == "process")
{
    var processFolder = Directory.CreateTempSubdirectory("studybot-process-bench-");
    try
    {
        await ProcessBenchmarks.RunAsync(processFolder.FullName, args.Length > 1 ? args[1] : null);
    }
    finally
    {
        processFolder.Delete(recursive: true);
    }

    return;
}

// or, for milestone roles only: dotnet run -c Release --project bench/StudyBot.Discord.Benchmarks -- milestones [interactions]
if (args.Length > 0 && args[0] == "milestones")
{
    var milestoneRoot = Directory.CreateTempSubdirectory("studybot-discord-bench-");
    try
    {
        Console.WriteLine($"StudyBot Discord benchmarks: milestone roles, real host against the loopback fake Discord, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        await Benchmarks.MilestonesAsync(milestoneRoot.FullName, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    }
    finally
    {
        milestoneRoot.Delete(recursive: true);
    }

    return;
}

var interactions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var servers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var limit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;

var root = Directory.CreateTempSubdirectory("studybot-discord-bench-");
try
{
    Console.WriteLine($"StudyBot Discord benchmarks: real host against the loopback fake Discord, {Environment.ProcessorCount} cores");
    Console.WriteLine();
    await Benchmarks.RoundTripAsync(root.FullName, interactions);
    Console.WriteLine();
    await Benchmarks.FanOutAsync(root.FullName, servers, limit);
}
finally
{
    root.Delete(recursive: true);
}

internal static class Benchmarks
{
    private const int Warmup = 500;

    private static IHost Host(FakeDiscord fake, string folder, string name, params string[] extra) =>
        StudyBotHost.Build(
        [
            $"--Storage:Path={Path.Combine(folder, name + ".db")}",
            $"--Discord:Token={fake.Token}",
            $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
            $"--Discord:DevGuildId={fake.Interactions.GuildId}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:StudyBot=Warning",
            .. extra,
        ]);

    /// <summary>INTERACTION_CREATE sent on the gateway → the callback received over REST, by the fake's clock.</summary>
    public static async Task RoundTripAsync(string folder, int count)
    {
        await using var fake = await FakeDiscord.StartAsync();
        using var host = Host(fake, folder, "round-trip");
        await host.StartAsync();
        await fake.WaitForRequestAsync(r => r.Method == "PUT", TimeSpan.FromSeconds(30));

        await Benchmarks.PostTodaysQuestionAsync(fake);

        for (var i = 0; i < Warmup; i++)
        {
            await Send(fake, Next(fake, i));
        }

        var latencies = new double[count];
        var deferred = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var answered = await Send(fake, Next(fake, Warmup + i));
            latencies[i] = (answered.AcknowledgedAt!.Value - answered.DispatchedAt).TotalMilliseconds;
            deferred += answered.AcknowledgedWith == 5 ? 1 : 0;
        }

        clock.Stop();
        await host.StopAsync();
        Array.Sort(latencies);
        Console.WriteLine($"Interaction round trip: {count:N0} interactions (lookups, /streak, /leaderboard, /answer from {count / 4:N0} members) in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p50 {Percentile(latencies, 0.50):F2} ms   p99 {Percentile(latencies, 0.99):F2} ms   max {latencies[^1]:F2} ms   deferred {deferred}   target p99 < 50 ms: {(Percentile(latencies, 0.99) < 50 ? "met" : "MISSED")}"));
        Console.WriteLine($"  spec or limit violations in request bodies: {fake.SpecViolations.Count}");
    }

    /// <summary>
    /// The round trip with milestone roles set (1 day → a role, 7 days → another): the same mix of interactions, each
    /// member's member.roles as the fake's role routes left them, so a role is given once per member, not per interaction.
    /// Then the sync alone (what each guild interaction adds after its reply: the server's settings and the member's
    /// streak read, nothing to change), in-process for the same members.
    /// </summary>
    public static async Task MilestonesAsync(string folder, int count)
    {
        const string Role1 = "1380000000000000701";
        const string Role7 = "1380000000000000707";
        await using var fake = await FakeDiscord.StartAsync();
        using var host = Host(fake, folder, "milestones");
        await host.StartAsync();
        await fake.WaitForRequestAsync(r => r.Method == "PUT", TimeSpan.FromSeconds(30));

        var member = fake.Interactions.Permissions;
        fake.Interactions.Permissions = "32";
        await Send(fake, fake.Interactions.SlashCommand("setup", ("channel", 7, fake.Interactions.ChannelId), ("time", 3, "09:00"), ("timezone", 3, "UTC")));
        await Send(fake, fake.Interactions.SlashCommand("schedule", ("action", 3, "post-now")));
        await Send(fake, fake.Interactions.SlashCommand("milestones", ("action", 3, "set"), ("days", 4, 1), ("role", 8, Role1)));
        await Send(fake, fake.Interactions.SlashCommand("milestones", ("action", 3, "set"), ("days", 4, 7), ("role", 8, Role7)));
        fake.Interactions.Permissions = member;

        JsonObject WithRoles(JsonObject interaction)
        {
            // What Discord would say the member holds: the roles the bot gave them so far.
            var roles = new[] { Role1, Role7 }.Where(r => fake.HasRole(fake.Interactions.GuildId, fake.Interactions.UserId, r)).ToList();
            interaction["member"]!["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]);
            return interaction;
        }

        for (var i = 0; i < Warmup; i++)
        {
            await Send(fake, WithRoles(Next(fake, i)));
        }

        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var answered = await Send(fake, WithRoles(Next(fake, Warmup + i)));
            latencies[i] = (answered.AcknowledgedAt!.Value - answered.DispatchedAt).TotalMilliseconds;
        }

        clock.Stop();
        Array.Sort(latencies);
        var roleRequests = fake.Requests.Count(r => r.Path.Contains("/roles/", StringComparison.Ordinal));
        Console.WriteLine($"Interaction round trip with milestone roles: {count:N0} interactions in {clock.Elapsed.TotalSeconds:F1} s; {roleRequests:N0} role requests (PUT/DELETE) for 2,500 members");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p50 {Percentile(latencies, 0.50):F2} ms   p99 {Percentile(latencies, 0.99):F2} ms   max {latencies[^1]:F2} ms   target p99 < 50 ms: {(Percentile(latencies, 0.99) < 50 ? "met" : "MISSED")}"));

        var milestones = host.Services.GetRequiredService<StudyBot.Core.Milestones.MilestoneService>();
        var serverId = DiscordIds.Server(ulong.Parse(fake.Interactions.GuildId, CultureInfo.InvariantCulture));
        var syncs = new double[count];
        for (var i = -Warmup; i < count; i++)
        {
            var user = (1_390_000_000_000_000_000UL + (ulong)((i + Warmup) % 2_500)).ToString(CultureInfo.InvariantCulture);
            var held = new[] { Role1, Role7 }.Where(r => fake.HasRole(fake.Interactions.GuildId, user, r)).ToList();
            var started = Stopwatch.GetTimestamp();
            await milestones.SyncAsync(new StudyBot.Core.Streaks.MemberContext(serverId, user, "member", false, null), held, CancellationToken.None);
            if (i >= 0)
            {
                syncs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        await host.StopAsync();
        Array.Sort(syncs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Milestone sync after an interaction (settings + streak read, nothing to change), {count:N0} runs: p50 {Percentile(syncs, 0.50):F3} ms   p99 {Percentile(syncs, 0.99):F3} ms   max {syncs[^1]:F3} ms"));
        Console.WriteLine($"  spec or limit violations in request bodies: {fake.SpecViolations.Count}");
    }

    /// <summary>Every server's daily post (message + thread) at once, through a client held to the fake's global limit.</summary>
    public static async Task FanOutAsync(string folder, int serverCount, int limit)
    {
        await using var fake = await FakeDiscord.StartAsync();
        fake.GlobalRequestsPerSecond = limit;
        fake.ValidateEvery = 50;
        fake.SetRateLimit(FakeRoutes.CreateMessage, 5, TimeSpan.FromSeconds(5));
        fake.SetRateLimit(FakeRoutes.StartThreadFromMessage, 5, TimeSpan.FromSeconds(5));
        using var host = Host(fake, folder, "fan-out", $"--Discord:GlobalRequestsPerSecond={limit}");
        await host.StartAsync();
        await fake.WaitForRequestAsync(r => r.Method == "PUT", TimeSpan.FromSeconds(30));

        var store = host.Services.GetRequiredService<IServerStore>();
        var ids = Enumerable.Range(0, serverCount).Select(i => 5_000_000_000_000_000UL + (ulong)i).ToList();
        foreach (var id in ids)
        {
            await store.SaveAsync(new ServerSettings(DiscordIds.Server(id), (id + 1_000_000_000UL).ToString(CultureInfo.InvariantCulture), new TimeOnly(9, 0), "UTC", null, false, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        }

        var daily = host.Services.GetRequiredService<DailyQuestionService>();
        var before = fake.Requests.Count;
        var tooManyBefore = fake.TooManyRequestsSent;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, ct) =>
        {
            var result = await daily.PostNowAsync(DiscordIds.Server(id), ct);
            if (result.Outcome != DailyRunOutcome.Posted)
            {
                Interlocked.Increment(ref failed);
            }
        });
        clock.Stop();
        await host.StopAsync();

        var requests = fake.Requests.Count - before;
        var floor = (double)requests / limit;
        var ratio = clock.Elapsed.TotalSeconds / floor;
        var tooMany = fake.TooManyRequestsSent - tooManyBefore;
        Console.WriteLine($"Daily fan-out: {serverCount:N0} servers, {requests:N0} requests (message + thread each), global limit L = {limit}/s, 5 per 5 s per channel bucket");
        Console.WriteLine($"  spec or limit violations in the sampled request bodies (1 in 50): {fake.SpecViolations.Count}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  total {clock.Elapsed.TotalSeconds:F1} s   floor {floor:F1} s   ratio {ratio:F3}   429s {tooMany}   not posted {failed}   target ≤ 1.15 × floor, zero 429s: {(ratio <= 1.15 && tooMany == 0 && failed == 0 ? "met" : "MISSED")}"));
    }

    private static JsonObject Next(FakeDiscord fake, int i)
    {
        fake.Interactions.UserId = (1_390_000_000_000_000_000UL + (ulong)(i % 2_500)).ToString(CultureInfo.InvariantCulture);
        return (i % 6) switch
        {
            0 => fake.Interactions.SlashCommand("roadmap", ("phase", 4, (i % 4) + 1)),
            1 => fake.Interactions.SlashCommand("salary", ("level", 3, "senior"), ("region", 3, "usa")),
            2 => fake.Interactions.SlashCommand("question", ("id", 4, (i % 80) + 1)),
            3 => fake.Interactions.SlashCommand("streak"),
            4 => fake.Interactions.SlashCommand("leaderboard"),
            _ => fake.Interactions.SlashCommand("answer", ("text", 3, "Feature stores serve the same features to training and serving.")),
        };
    }

    /// <summary>An admin sets the fake's server up and posts today's question, so /answer credits streaks in storage.</summary>
    public static async Task PostTodaysQuestionAsync(FakeDiscord fake)
    {
        var member = fake.Interactions.Permissions;
        fake.Interactions.Permissions = "32";
        await Send(fake, fake.Interactions.SlashCommand("setup", ("channel", 7, fake.Interactions.ChannelId), ("time", 3, "09:00"), ("timezone", 3, "UTC")));
        await Send(fake, fake.Interactions.SlashCommand("schedule", ("action", 3, "post-now")));
        fake.Interactions.Permissions = member;
    }

    private static async Task<FakeInteraction> Send(FakeDiscord fake, JsonObject interaction)
    {
        var dispatched = await fake.DispatchInteractionAsync(interaction);
        await dispatched.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        return dispatched;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
