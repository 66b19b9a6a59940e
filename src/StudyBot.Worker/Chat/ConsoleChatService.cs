using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Worker.Chat;

/// <summary>
/// The local console chat: one command a line from standard input, replies as plain text, the daily question
/// printed when it is due. You are the admin of one local server. End of input stops the host cleanly.
/// </summary>
public sealed partial class ConsoleChatService(
    IChatConsole console,
    CommandDispatcher dispatcher,
    IServerStore servers,
    IDailyScheduleRegistry registry,
    IOptions<ConsoleChatOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChatService> logger) : BackgroundService
{
    public const string Banner =
        "StudyBot is running locally as a console chat (no Discord token configured). Type /help, or end input (Ctrl+D) to quit.\n" +
        "To connect it to Discord instead, see README.md, \"Connecting to Discord\".\n\n";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        console.Write(Banner);
        await EnsureLocalServerAsync(stoppingToken);

        // Read nothing until every hosted service has started, so the start-up catch-up is done before the first command.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var member = options.Value;
        var lineNumber = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A console read cannot be cancelled and may block: it runs off the host's thread, and stopping does not wait for it.
                var line = await Task.Run(() => console.Input.ReadLine(), CancellationToken.None).WaitAsync(stoppingToken);
                if (line is null)
                {
                    break;
                }

                lineNumber++;
                if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var context = new MemberContext(ConsoleChatOptions.ServerId, ConsoleChatOptions.MemberId, member.MemberName, IsAdmin: true, $"console-{lineNumber}-{Guid.NewGuid():N}");
                var reply = await HandleLineAsync(line, context, stoppingToken);
                console.Write(ConsoleReplyRenderer.Render(reply));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        LogInputEnded();
        lifetime.StopApplication();
    }

    private async Task<Reply> HandleLineAsync(string line, MemberContext context, CancellationToken cancellationToken)
    {
        var parsed = ChatLineParser.Parse(line, dispatcher.Definitions);
        if (parsed is null)
        {
            return Reply.Problem("Commands start with /, e.g. /roadmap phase:2. Type /help for the list.");
        }

        if (parsed.Extra is not null)
        {
            var usage = dispatcher.Definitions.FirstOrDefault(d => string.Equals(d.Name, parsed.Command, StringComparison.OrdinalIgnoreCase))?.Usage;
            return Reply.Problem($"I did not understand '{parsed.Extra}'. Usage: {usage}");
        }

        return await dispatcher.DispatchAsync(new CommandInvocation(parsed.Command, parsed.Options, context), cancellationToken);
    }

    // The local server starts with the configured time and zone, until /setup changes it.
    private async Task EnsureLocalServerAsync(CancellationToken cancellationToken)
    {
        var existing = await servers.GetAsync(ConsoleChatOptions.ServerId, cancellationToken);
        if (existing is not null)
        {
            await registry.ApplyAsync(existing, cancellationToken);
            return;
        }

        var configured = options.Value;
        var postTime = DailyTime.TryParse(configured.DailyTime, out var parsed) ? parsed.Value : new TimeOnly(9, 0);
        var zone = TimeZones.FindOrUtc(configured.TimeZone);
        var settings = new ServerSettings(
            ConsoleChatOptions.ServerId,
            configured.Channel,
            postTime,
            TimeZones.NameOf(zone),
            PingRoleId: null,
            Paused: false,
            PausedReason: null,
            ConfiguredAt: time.GetUtcNow());
        await servers.SaveAsync(settings, cancellationToken);
        await registry.ApplyAsync(settings, cancellationToken);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Console input ended; stopping")]
    private partial void LogInputEnded();
}
