using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Slack.Api;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Adapter;

/// <summary>
/// Keeps the Socket Mode connection for the life of the host. It learns who the bot is (auth.test), then runs the
/// client. A refused token (invalid_auth, token_revoked, account_inactive…) or Socket Mode switched off stops the host
/// with one log line and exit code <see cref="FatalExitCode"/>, never retried.
/// </summary>
public sealed partial class SlackBotService(
    SlackWebApi api,
    SocketModeClient client,
    SlackSession session,
    IHostApplicationLifetime lifetime,
    ILogger<SlackBotService> logger) : BackgroundService
{
    public const int FatalExitCode = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var identity = await api.AuthTestAsync(stoppingToken);
            if (identity.Call.IsFatal)
            {
                Stop(identity.Error!, SlackErrors.Describe(identity.Error));
                return;
            }

            // Without it the bot only cannot tell its own thread messages apart; it still serves, and tries again on reconnect.
            session.Identity = identity.Value;
            if (identity.Value is { } who)
            {
                LogConnectedAs(who.UserId, who.TeamId);
            }

            await client.RunAsync(stoppingToken);
        }
        catch (SocketModeFatalException ex)
        {
            Stop(ex.Error, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A normal stop.
        }
    }

    private void Stop(string error, string detail)
    {
        LogFatal(error, detail);
        Environment.ExitCode = FatalExitCode;
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 8420, Level = LogLevel.Information, Message = "Slack: connected as bot user {UserId} in workspace {TeamId}")]
    private partial void LogConnectedAs(string userId, string teamId);

    [LoggerMessage(EventId = 8421, Level = LogLevel.Critical, Message = "Slack refused the bot, stopping: {Error}: {Detail}")]
    private partial void LogFatal(string error, string detail);
}
