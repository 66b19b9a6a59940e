using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.State;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Registers every Core command by bulk overwrite: to the dev server when one is configured (instant), else
/// globally; only when the command set differs from the one last registered there. A server that refuses the set
/// (400) gets it once more without the optional refinements, which not every Discord-compatible server supports.
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
        var definitions = dispatcher.Definitions;
        var commands = CommandPayloads.Build(definitions);
        var fingerprint = CommandPayloads.Fingerprint(commands);
        var guildId = options.Value.DevGuildId;
        var key = $"discord:commands:{applicationId}:{guildId?.ToString(CultureInfo.InvariantCulture) ?? "global"}";
        if (await state.GetAsync(key, cancellationToken) == fingerprint)
        {
            LogUnchanged(commands.Count);
            return false;
        }

        var where = guildId is null ? "globally" : "to the dev server";
        var response = await api.BulkOverwriteCommandsAsync(applicationId, guildId, commands, cancellationToken);
        if (response.Failure == RestFailure.BadRequest)
        {
            var refusal = Describe(response.Body, commands);
            LogRefused(response.StatusCode, refusal);
            response = await api.BulkOverwriteCommandsAsync(applicationId, guildId, CommandPayloads.BuildWithoutRefinements(definitions), cancellationToken);
            where += " without the optional refinements";
        }

        if (!response.IsSuccess)
        {
            var error = Describe(response.Body, commands);
            LogFailed(response.StatusCode, response.Failure, error);
            return false;
        }

        // The fingerprint of the full set either way: the same definitions are not offered again to a server that refused them.
        await state.SetAsync(key, fingerprint, cancellationToken);
        LogRegistered(commands.Count, where);
        return true;
    }

    /// <summary>Discord's code and the fields it names, each with the name of the command it is in.</summary>
    private static string Describe(JsonNode? body, JsonArray commands)
    {
        var error = DiscordError.From(body);
        var fields = error.Fields.Select(f =>
        {
            var index = f.Path.Split('.')[0];
            var name = int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < commands.Count
                ? commands[i]?["name"]?.GetValue<string>()
                : null;
            return name is null ? f.ToString() : $"/{name} {f}";
        });
        var code = error.Code?.ToString(CultureInfo.InvariantCulture) ?? "none";
        return $"code {code} \"{error.Message}\"; fields: {(error.Fields.Count == 0 ? "none named" : string.Join("; ", fields))}";
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Registered {Count} commands {Where}")]
    private partial void LogRegistered(int count, string where);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "The {Count} commands are unchanged since the last registration")]
    private partial void LogUnchanged(int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Registering commands failed: HTTP {Status} ({Failure}), {Error}; will retry at the next READY")]
    private partial void LogFailed(int status, RestFailure failure, string error);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "The server refused the commands: HTTP {Status}, {Error}. Registering once more without autocomplete, min/max values and lengths, and channel types")]
    private partial void LogRefused(int status, string error);
}
