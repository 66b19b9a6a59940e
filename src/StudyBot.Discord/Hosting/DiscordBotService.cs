using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Events;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Hosting;

/// <summary>
/// Keeps the gateway connection for the life of the host. A fatal refusal (bad token, disallowed intents) stops
/// the host with one clear log line and exit code <see cref="FatalExitCode"/>; it is never retried. On stop, the
/// events in flight finish before this service counts as stopped, so before the host closes storage.
/// </summary>
public sealed partial class DiscordBotService(
    DiscordGatewayClient gateway,
    DiscordEventRouter router,
    IHostApplicationLifetime lifetime,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    public const int FatalExitCode = 3;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No new events from here on; the gateway closes while the ones in flight finish.
        var drain = router.DrainAsync(cancellationToken);
        await base.StopAsync(cancellationToken);
        await drain;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gateway.RunAsync(stoppingToken);
        }
        catch (GatewayFatalException ex)
        {
            LogFatal(ex.Message);
            Environment.ExitCode = FatalExitCode;
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A normal stop.
        }
    }

    [LoggerMessage(EventId = 6800, Level = LogLevel.Critical, Message = "Discord refused the bot, stopping: {Reason}")]
    private partial void LogFatal(string reason);
}
