using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudyBot.Core.Servers;
using StudyBot.Discord;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Worker.Hosting;

/// <summary>
/// StudyBot as users run it: the Worker in its own process against the loopback fake Discord in this one, so the
/// process's own CPU and memory are measured apart from the fake's. The shape of the side-by-side runs with the
/// discord.js and discord.py bots: start → Identify, idle RSS, an open loop of 5,000 interactions offered at 200/s
/// (half /roadmap, half /answer from 1,000 members) with the bot's CPU per interaction, a closed loop of 10,000 with 32
/// in flight, RSS after; then 10,000 servers scheduled in Quartz, idle.
/// </summary>
internal static class ProcessBenchmarks
{
    private const int OpenLoopCount = 5_000;
    private const int OpenLoopRate = 200;
    private const int ClosedLoopCount = 10_000;
    private const int InFlight = 32;
    private const int Members = 1_000;
    private const int IdleServers = 10_000;
    private const string WorkerOnly = "BENCH_WORKER_";
    private const string WorkerBinary = WorkerOnly + "BINARY";
    private const string WorkerArgs = WorkerOnly + "ARGS";

    /// <summary>Both parts, or only <c>interactions</c> or <c>idle</c>.</summary>
    public static async Task RunAsync(string folder, string? only)
    {
        var worker = await WorkerPathAsync(folder);
        Console.WriteLine($"StudyBot in its own process ({Path.GetFileName(worker)}) against the loopback fake Discord, {Environment.ProcessorCount} cores");
        if (only is null or "interactions")
        {
            await InteractionsAsync(worker, folder);
            Console.WriteLine();
        }

        if (only is null or "idle")
        {
            await IdleServersAsync(worker, folder);
        }
    }

    private static async Task InteractionsAsync(string worker, string folder)
    {
        await using var fake = await FakeDiscord.StartAsync();

        // Checking every body against the OpenAPI schema costs the fake milliseconds each: at 200/s it fell behind
        // and took answers in time for late ones. One in 50 is still checked.
        fake.ValidateEvery = 50;
        var started = Stopwatch.StartNew();
        using var bot = Start(worker, fake, Path.Combine(folder, "process.db"));
        try
        {
            await fake.WaitForIdentifyAsync(0, TimeSpan.FromSeconds(30));
            var toIdentify = started.Elapsed;
            await fake.WaitForRequestAsync(r => r.Method == "PUT", TimeSpan.FromSeconds(30));

            await Benchmarks.PostTodaysQuestionAsync(fake);

            await Task.Delay(TimeSpan.FromSeconds(2));
            var idleRss = RssMegabytes(bot);

            var builder = new Lock();
            var next = 0;
            JsonObject Next()
            {
                lock (builder)
                {
                    var i = next++;
                    fake.Interactions.UserId = (1_391_000_000_000_000_000UL + (ulong)(i % Members)).ToString(CultureInfo.InvariantCulture);
                    return i % 2 == 0
                        ? fake.Interactions.SlashCommand("roadmap", ("phase", 4, (i % 4) + 1))
                        : fake.Interactions.SlashCommand("answer", ("text", 3, "Feature stores serve the same features to training and serving."));
                }
            }

            // Warm-up, then the open loop: each interaction is sent at its time, whether or not the last was answered.
            await ClosedLoopAsync(fake, Next, 500, 1);
            var cpuBefore = CpuTime(bot);
            var fakeCpuBefore = FakeCpuTime();
            var cpuAtHalf = TimeSpan.Zero;
            var pending = new List<Task<FakeInteraction>>(OpenLoopCount);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < OpenLoopCount; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / OpenLoopRate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                if (i == OpenLoopCount / 2)
                {
                    cpuAtHalf = CpuTime(bot);
                }

                pending.Add(Dispatch(fake, Next()));
            }

            var answered = await Task.WhenAll(pending);
            var cpuAfter = CpuTime(bot);
            var cpuPerInteraction = (cpuAfter - cpuBefore).TotalMilliseconds / OpenLoopCount;

            // The second half alone: by then the JIT has recompiled the hot methods (tiering), which the first half pays for.
            var secondHalfCpuPerInteraction = (cpuAfter - cpuAtHalf).TotalMilliseconds / (OpenLoopCount - (OpenLoopCount / 2));
            var fakeCpuPerInteraction = (FakeCpuTime() - fakeCpuBefore).TotalMilliseconds / OpenLoopCount;
            var latencies = answered.Where(a => a.AcknowledgedAt is not null).Select(a => (a.AcknowledgedAt!.Value - a.DispatchedAt).TotalMilliseconds).Order().ToArray();
            var lost = OpenLoopCount - latencies.Length;

            var closedBotCpu = CpuTime(bot);
            var closedFakeCpu = FakeCpuTime();
            var closed = Stopwatch.StartNew();
            await ClosedLoopAsync(fake, Next, ClosedLoopCount, InFlight);
            var perSecond = ClosedLoopCount / closed.Elapsed.TotalSeconds;
            closedBotCpu = CpuTime(bot) - closedBotCpu;
            closedFakeCpu = FakeCpuTime() - closedFakeCpu;
            var afterRss = RssMegabytes(bot);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Start → Identify {toIdentify.TotalSeconds:F2} s (target ≤ 0.25 s); idle RSS {idleRss:F0} MB (≤ 60); RSS after {afterRss:F0} MB (≤ 100)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Open loop, {OpenLoopCount:N0} at {OpenLoopRate}/s: p50 {Percentile(latencies, 0.50):F2} ms   p99 {Percentile(latencies, 0.99):F2} ms (≤ 1.2)   max {latencies[^1]:F2} ms (≤ 10)   bot CPU {cpuPerInteraction:F2} ms per interaction (≤ 0.45)   not answered in time {lost}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Closed loop, {ClosedLoopCount:N0} with {InFlight} in flight: {perSecond:N0} interactions/s (≥ 1.3 × 5,545 = 7,209)"));

            // The fake Discord shares the machine: what it spends is CPU the bot could not have.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU per interaction, bot / fake Discord: open loop {cpuPerInteraction:F2} / {fakeCpuPerInteraction:F2} ms (bot in its second half {secondHalfCpuPerInteraction:F2} ms); closed loop {closedBotCpu.TotalMilliseconds / ClosedLoopCount:F2} / {closedFakeCpu.TotalMilliseconds / ClosedLoopCount:F2} ms"));
            Console.WriteLine($"  spec or limit violations in request bodies: {fake.SpecViolations.Count}");
        }
        finally
        {
            await StopAsync(bot);
        }
    }

    private static async Task IdleServersAsync(string worker, string folder)
    {
        await using var fake = await FakeDiscord.StartAsync();
        var path = Path.Combine(folder, "idle-servers.db");

        // The servers are written through the real stores in this process, which then lets go of the file.
        using (var seed = StudyBotHost.Build([$"--Storage:Path={path}", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:StudyBot=Warning"]))
        {
            var store = seed.Services.GetRequiredService<IServerStore>();
            for (var i = 0; i < IdleServers; i++)
            {
                var id = 5_100_000_000_000_000UL + (ulong)i;
                await store.SaveAsync(new ServerSettings(DiscordIds.Server(id), (id + 1_000_000_000UL).ToString(CultureInfo.InvariantCulture), new TimeOnly(i % 24, i % 60), "Europe/Berlin", null, false, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
            }
        }

        var started = Stopwatch.StartNew();
        using var bot = Start(worker, fake, path);
        try
        {
            await fake.WaitForIdentifyAsync(0, TimeSpan.FromSeconds(60));
            var toIdentify = started.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(5));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{IdleServers:N0} servers scheduled, idle: start → Identify {toIdentify.TotalSeconds:F2} s (≤ 2 s); RSS {RssMegabytes(bot):F0} MB (≤ 150)"));
        }
        finally
        {
            await StopAsync(bot);
        }
    }

    /// <summary>
    /// The Worker as it is deployed: published the way the Dockerfile publishes it (Release, ReadyToRun), into
    /// <paramref name="folder"/>. BENCH_WORKER_BINARY names another build to measure instead (a plain build, say).
    /// </summary>
    private static async Task<string> WorkerPathAsync(string folder)
    {
        if (Environment.GetEnvironmentVariable(WorkerBinary) is { Length: > 0 } given)
        {
            return given;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StudyBot.sln")))
            {
                var output = Path.Combine(folder, "worker");
                var publish = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in new[] { "publish", Path.Combine(directory.FullName, "src", "StudyBot.Worker", "StudyBot.Worker.csproj"), "-c", "Release", "-o", output, "--nologo" })
                {
                    publish.ArgumentList.Add(argument);
                }

                Console.WriteLine("Publishing the Worker as the Dockerfile does (Release, ReadyToRun)…");
                using var process = Process.Start(publish) ?? throw new InvalidOperationException("dotnet publish did not start.");
                var log = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException("dotnet publish failed:\n" + await log + await errors);
                }

                return Path.Combine(output, OperatingSystem.IsWindows() ? "StudyBot.Worker.exe" : "StudyBot.Worker");
            }
        }

        throw new DirectoryNotFoundException("StudyBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static Process Start(string worker, FakeDiscord fake, string dataPath)
    {
        var start = new ProcessStartInfo(worker)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--Storage:Path={dataPath}",
            $"--Discord:Token={fake.Token}",
            $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
            $"--Discord:DevGuildId={fake.Interactions.GuildId}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:StudyBot=Warning",
        }.Concat((Environment.GetEnvironmentVariable(WorkerArgs) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            // BENCH_WORKER_ARGS adds settings for diagnostic runs; a later one wins ("--Logging:LogLevel:Default=Information").
            start.ArgumentList.Add(argument);
        }

        // Runtime settings for the Worker alone, for diagnostic runs: BENCH_WORKER_DOTNET_gcServer=1 sets DOTNET_gcServer=1 there.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, (string?)e.Value)))
        {
            if (name.StartsWith(WorkerOnly, StringComparison.Ordinal) && name is not (WorkerBinary or WorkerArgs))
            {
                start.Environment[name[WorkerOnly.Length..]] = value;
            }
        }

        var started = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  worker ({started.Elapsed.TotalMilliseconds:F0} ms): ") + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task StopAsync(Process bot)
    {
        if (bot.HasExited)
        {
            return;
        }

        // SIGTERM: the host stops as it would under systemd or Docker.
        using (var kill = Process.Start("kill", ["-TERM", bot.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await bot.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bot.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Keeps <paramref name="inFlight"/> interactions outstanding until <paramref name="count"/> were sent; returns how many were answered in time.</summary>
    private static async Task<int> ClosedLoopAsync(FakeDiscord fake, Func<JsonObject> next, int count, int inFlight)
    {
        var left = count;
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                if ((await Dispatch(fake, next())).AcknowledgedAt is not null)
                {
                    Interlocked.Increment(ref answered);
                }
            }
        }));
        return answered;
    }

    // An interaction the bot did not answer within Discord's 3 s is lost (the fake answers a late callback 404, as
    // Discord does): it is counted, not waited for.
    private static async Task<FakeInteraction> Dispatch(FakeDiscord fake, JsonObject interaction)
    {
        var dispatched = await fake.DispatchInteractionAsync(interaction);
        await Task.WhenAny(dispatched.Acknowledged, Task.Delay(TimeSpan.FromSeconds(10)));
        return dispatched;
    }

    // /proc/<pid>/stat: utime and stime (fields 14 and 15) in clock ticks, counted after the ") " that ends the name.
    private static TimeSpan CpuTime(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>This process's CPU: the fake Discord's, with the benchmark's own small share.</summary>
    private static TimeSpan FakeCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static double RssMegabytes(Process process)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
