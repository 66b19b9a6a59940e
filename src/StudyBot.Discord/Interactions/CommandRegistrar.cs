using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.State;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Registers every Core command by bulk overwrite: to the dev server when one is configured (instant), else
/// globally; only when the command set differs from the one last registered there.
/// </summary>
public sealed partial class CommandRegistrar(
    CommandDispatcher dispatcher,
    DiscordApi api,
    IAdapterStateStore state,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrar> logger)
{
    public async Task<bool> RegisterIfChangedAsync(ulong applicationId, CancellationToken cancellationToken)
    {
        var commands = CommandPayloads.Build(dispatcher.Definitions);
        var fingerprint = CommandPayloads.Fingerprint(commands);
        var guildId = options.Value.DevGuildId;
        var key = $"discord:commands:{applicationId}:{guildId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "global"}";
        if (await state.GetAsync(key, cancellationToken) == fingerprint)
        {
            LogUnchanged(commands.Count);
            return false;
        }

        var response = await api.BulkOverwriteCommandsAsync(applicationId, guildId, commands, cancellationToken);
        if (!response.IsSuccess)
        {
            LogFailed(response.StatusCode, response.Failure);
            return false;
        }

        await state.SetAsync(key, fingerprint, cancellationToken);
        LogRegistered(commands.Count, guildId is null ? "globally" : "to the dev server");
        return true;
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Registered {Count} commands {Where}")]
    private partial void LogRegistered(int count, string where);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "The {Count} commands are unchanged since the last registration")]
    private partial void LogUnchanged(int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Registering commands failed: HTTP {Status} ({Failure}); will retry at the next READY")]
    private partial void LogFailed(int status, RestFailure failure);
}
