using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Milestones;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;
using StudyBot.Discord.Events;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Answers every interaction within Discord's 3 seconds: commands (deferred when the handler is slow), the
/// Answer button (a form), autocomplete, and the submitted form. Whatever goes wrong while handling one, the
/// member still gets a short reply where Discord still takes one, the log gets the detail, and the next
/// interaction is answered as usual.
/// </summary>
public sealed partial class InteractionHandler(
    CommandDispatcher dispatcher,
    ActionDispatcher actions,
    DiscordApi api,
    GuildPermissions guilds,
    TimeProvider time,
    ILogger<InteractionHandler> logger,
    AttachmentDownloader? attachments = null,
    MilestoneService? milestones = null)
{
    public const string AnswerInputId = "answer";

    /// <summary>What a member sees when handling their interaction failed; built without the renderer, which may be what failed.</summary>
    public const string FailureText = "Something went wrong on our side and it was logged. Please try again in a moment.";

    /// <summary>A slash command in a DM: commands need a server to act on.</summary>
    public const string DirectCommandText = "Use StudyBot's commands in your server.";

    /// <summary>A button or form in a DM that names no server (sent before buttons carried one).</summary>
    public const string DirectUnboundText = "That button only works in your server: press it on the question there, or use /answer.";

    /// <summary>How long after arrival a command may run before the reply is deferred; well inside the 3 s deadline.</summary>
    internal TimeSpan DeferAfter { get; init; } = ReplyDeadline.DeferAfter;

    public async Task HandleAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var exchange = new Exchange(interaction);
        try
        {
            await HandleByTypeAsync(exchange, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogInteractionFailed(ex, interaction.Id, interaction.Type);
            await ApologiseAsync(exchange, cancellationToken);
        }

        await SyncMilestoneRolesAsync(exchange, cancellationToken);
    }

    /// <summary>
    /// After the member has their answer: their milestone roles follow their current streak, compared with the roles
    /// the interaction says they hold (member.roles). A DM does not say which roles they hold: after an answer sent
    /// from a DM (a reminder's form) the roles earned are given (giving a held role again changes nothing) and none
    /// taken; the daily post's sweep takes them when a streak breaks.
    /// </summary>
    private async Task SyncMilestoneRolesAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        if (milestones is null
            || interaction.Type is not (InteractionType.ApplicationCommand or InteractionType.MessageComponent or InteractionType.ModalSubmit))
        {
            return;
        }

        IReadOnlyCollection<string> held;
        if (interaction is { GuildId: not null, RoleIds: { } roles })
        {
            held = [.. roles.Select(r => r.ToString(CultureInfo.InvariantCulture))];
        }
        else if (interaction.GuildId is null && exchange.BoundServerId is not null && interaction.Type == InteractionType.ModalSubmit)
        {
            held = [];
        }
        else
        {
            return;
        }

        try
        {
            await milestones.SyncAsync(Member(exchange, isAdmin: false), held, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMilestoneSyncFailed(ex, interaction.Id);
        }
    }

    private async Task HandleByTypeAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        if (interaction.GuildId is null && interaction.Type != InteractionType.Ping)
        {
            await HandleDirectAsync(exchange, cancellationToken);
            return;
        }

        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                await HandleCommandAsync(exchange, cancellationToken);
                break;
            case InteractionType.MessageComponent:
                await HandleButtonAsync(exchange, cancellationToken);
                break;
            case InteractionType.Autocomplete:
                await HandleAutocompleteAsync(exchange, cancellationToken);
                break;
            case InteractionType.ModalSubmit:
                await HandleModalAsync(exchange, cancellationToken);
                break;
            default:
                LogUnhandledType((int)interaction.Type);
                break;
        }
    }

    /// <summary>
    /// An interaction in a DM (no guild_id; user instead of member). Commands are refused with one line. A button or
    /// form is handled when its id is bound to a Discord server (<see cref="ActionScope"/>: a reminder's Answer button,
    /// the ratings under its confirmation); everything it answers with is bound to that server again, so the next press
    /// in the DM works too. Nobody is an admin in a DM.
    /// </summary>
    private async Task HandleDirectAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        switch (interaction.Type)
        {
            case InteractionType.Autocomplete:
                await SuggestAsync(exchange, [], cancellationToken);
                return;
            case InteractionType.MessageComponent or InteractionType.ModalSubmit:
                var id = DiscordInteraction.Text(interaction.Data, "custom_id");
                if (ActionScope.TryUnbind(id, out var serverId, out _) && DiscordIds.GuildOf(serverId) is not null)
                {
                    exchange.BoundServerId = serverId;
                    await (interaction.Type == InteractionType.MessageComponent
                        ? HandleButtonAsync(exchange, cancellationToken)
                        : HandleModalAsync(exchange, cancellationToken));
                    return;
                }

                await ReplyAsync(exchange, Reply.Problem(DirectUnboundText), cancellationToken);
                return;
            default:
                await ReplyAsync(exchange, Reply.Problem(DirectCommandText), cancellationToken);
                return;
        }
    }

    /// <summary>
    /// Whether the member may manage the server: from member.permissions when Discord sent them, else worked out
    /// from the server's owner and roles; null when neither is known.
    /// </summary>
    private bool? CanManageServer(DiscordInteraction interaction) =>
        interaction.Permissions is { } permissions ? DiscordPermissions.CanManageServer(permissions)
        : interaction.GuildId is { } guildId ? guilds.CanManageServer(guildId, interaction.UserId, interaction.RoleIds)
        : false;

    private static MemberContext Member(Exchange exchange, bool isAdmin)
    {
        var interaction = exchange.Interaction;
        var serverId = exchange.BoundServerId ?? DiscordIds.Server(interaction.GuildId!.Value);
        return new(serverId, DiscordIds.Member(interaction.UserId), interaction.DisplayName, isAdmin && exchange.BoundServerId is null, interaction.Id);
    }

    private async Task HandleCommandAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        var name = DiscordInteraction.Text(interaction.Data, "name") ?? "";
        var definition = dispatcher.Find(name);
        var canManage = CanManageServer(interaction);
        if (definition is { AdminOnly: true } && canManage is null)
        {
            LogPermissionsUnknown(definition.Name, interaction.GuildId!.Value);
            await ReplyAsync(
                exchange,
                Reply.Problem($"I could not check your permissions on this server just now, so /{definition.Name} did not run. Please try again in a minute."),
                cancellationToken);
            return;
        }

        var options = ReadOptions(interaction.Data);
        var invocation = new CommandInvocation(name, options, Member(exchange, canManage ?? false), DiscordReferenceSyntax.Instance);
        var work = definition is not null && definition.Options.Any(o => o.Kind == OptionKind.Attachment && options.ContainsKey(o.Name))
            ? DispatchWithFilesAsync(definition, invocation, interaction.Data, cancellationToken)
            : dispatcher.DispatchAsync(invocation, cancellationToken);
        if (await WithinDeferralAsync(exchange, work, cancellationToken))
        {
            await ReplyAsync(exchange, await work, cancellationToken);
            return;
        }

        // A deferral fixes ephemerality up front, so the command's definition decides it, not the reply to come.
        await DeferThenEditAsync(exchange, name, definition?.Visibility == ReplyVisibility.Private, work, cancellationToken);
    }

    // An attachment option's value is the attachment's id; the file itself is fetched from data.resolved.attachments
    // and handed to Core as text. Only admins' commands take files, so a member cannot make the bot fetch anything.
    private async Task<Reply> DispatchWithFilesAsync(CommandDefinition definition, CommandInvocation invocation, JsonElement data, CancellationToken cancellationToken)
    {
        if (definition.AdminOnly && !invocation.Member.IsAdmin)
        {
            return await dispatcher.DispatchAsync(invocation, cancellationToken);
        }

        var options = new Dictionary<string, string>(invocation.Options, StringComparer.OrdinalIgnoreCase);
        foreach (var option in definition.Options.Where(o => o.Kind == OptionKind.Attachment && options.ContainsKey(o.Name)))
        {
            var (url, size) = ResolvedAttachment(data, options[option.Name]);
            if (attachments is null)
            {
                return Reply.Problem("Files cannot be read here just now.");
            }

            var (text, problem) = await attachments.DownloadAsync(url, size, cancellationToken);
            if (text is null)
            {
                return Reply.Problem(problem!);
            }

            options[option.Name] = text;
        }

        return await dispatcher.DispatchAsync(invocation with { Options = options }, cancellationToken);
    }

    /// <summary>An attachment's URL and size from data.resolved.attachments, by its id; nulls when it is not there.</summary>
    internal static (string? Url, long? Size) ResolvedAttachment(JsonElement data, string id)
    {
        if (data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("resolved", out var resolved) && resolved.ValueKind == JsonValueKind.Object
            && resolved.TryGetProperty("attachments", out var all) && all.ValueKind == JsonValueKind.Object
            && all.TryGetProperty(id, out var attachment) && attachment.ValueKind == JsonValueKind.Object)
        {
            var size = attachment.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var bytes) ? bytes : (long?)null;
            return (DiscordInteraction.Text(attachment, "url"), size);
        }

        return (null, null);
    }

    /// <summary>Whether <paramref name="work"/> finished before the deferral point, which counts from the interaction's arrival.</summary>
    private async Task<bool> WithinDeferralAsync(Exchange exchange, Task work, CancellationToken cancellationToken)
    {
        // Most commands finish without waiting on anything: no timer for them.
        if (work.IsCompleted)
        {
            return true;
        }

        // An interaction that waited for a free slot has less of its 3 s left.
        var deferIn = exchange.Interaction.ReceivedAt + DeferAfter - time.GetUtcNow();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(work, Task.Delay(deferIn > TimeSpan.Zero ? deferIn : TimeSpan.Zero, time, deadline.Token)) == work;
        await deadline.CancelAsync();
        return finished;
    }

    private async Task DeferThenEditAsync(Exchange exchange, string what, bool isPrivate, Task<Reply> work, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        var data = isPrivate ? new JsonObject { ["flags"] = MessageFlag.Ephemeral } : null;
        LogDeferred(what);
        await RespondAsync(exchange, InteractionCallbackType.DeferredChannelMessageWithSource, data, cancellationToken);
        var (message, file) = DiscordMessageRenderer.RenderWithFile(Bound(exchange, await work));
        message.Remove("flags");
        await CheckAsync(api.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message, Files(file), cancellationToken), "edit");
    }

    private async Task HandleButtonAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        var customId = DiscordInteraction.Text(interaction.Data, "custom_id") ?? "";
        var press = actions.PressAsync(Member(exchange, CanManageServer(interaction) ?? false), customId, cancellationToken);
        if (!await WithinDeferralAsync(exchange, press, cancellationToken))
        {
            // Too slow for a form (a modal must be the first response): the reply, or a plea to press again, follows.
            var late = press.ContinueWith(
                p => p.Result.Reply ?? Reply.Problem("That took too long to open. Please press the button again."),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
            await DeferThenEditAsync(exchange, customId, isPrivate: true, late, cancellationToken);
            return;
        }

        var outcome = await press;
        if (outcome.Form is not { } answerForm)
        {
            await ReplyAsync(exchange, outcome.Reply ?? ActionDispatcher.Inactive(), cancellationToken);
            return;
        }

        var form = answerForm.CappedAt(DiscordLimits.TextInputMaxLength);
        if (exchange.BoundServerId is { } boundServer)
        {
            form = ActionScope.BindForm(form, boundServer);
        }

        var input = new JsonObject
        {
            ["type"] = (int)ComponentType.TextInput,
            ["custom_id"] = AnswerInputId,
            ["style"] = (int)TextInputStyle.Paragraph,
            ["label"] = DiscordMessageRenderer.Truncate(form.InputLabel, DiscordLimits.TextInputLabel),
            ["min_length"] = form.MinLength,
            ["max_length"] = form.MaxLength,
            ["required"] = true,
            ["placeholder"] = form.Placeholder,
        };
        var modal = new JsonObject
        {
            ["custom_id"] = form.FormId,
            ["title"] = DiscordMessageRenderer.Truncate(form.Title, DiscordLimits.ModalTitle),
            ["components"] = new JsonArray(new JsonObject { ["type"] = (int)ComponentType.ActionRow, ["components"] = new JsonArray(input) }),
        };
        await RespondAsync(exchange, InteractionCallbackType.Modal, modal, cancellationToken);
    }

    private async Task HandleModalAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        var formId = DiscordInteraction.Text(interaction.Data, "custom_id") ?? "";
        var text = FindInputValue(interaction.Data, AnswerInputId) ?? "";
        var member = Member(exchange, CanManageServer(interaction) ?? false);
        var reply = await actions.SubmitFormAsync(member, formId, text, cancellationToken);
        await ReplyAsync(exchange, reply, cancellationToken);
    }

    private async Task HandleAutocompleteAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var data = exchange.Interaction.Data;
        var definition = dispatcher.Find(DiscordInteraction.Text(data, "name") ?? "");
        var (optionName, typed) = FocusedOption(data);
        var option = definition?.Options.FirstOrDefault(o => o.Name == optionName);
        IEnumerable<(string Name, string Value)> suggestions = option?.Kind switch
        {
            OptionKind.TimeZone => TimeZoneCatalog.Suggest(typed, DiscordLimits.Choices).Select(z => (z, z)),
            OptionKind.Choice => option.ChoiceList
                .Where(c => c.Value.Contains(typed, StringComparison.OrdinalIgnoreCase) || c.Label.Contains(typed, StringComparison.OrdinalIgnoreCase))
                .Select(c => (c.Label, c.Value)),
            _ => [],
        };
        await SuggestAsync(exchange, suggestions, cancellationToken);
    }

    private Task SuggestAsync(Exchange exchange, IEnumerable<(string Name, string Value)> suggestions, CancellationToken cancellationToken)
    {
        var choices = new JsonArray([.. suggestions.Take(DiscordLimits.Choices).Select(s => new JsonObject
        {
            ["name"] = DiscordMessageRenderer.Truncate(s.Name, DiscordLimits.ChoiceName),
            ["value"] = s.Value,
        })]);
        return RespondAsync(exchange, InteractionCallbackType.ApplicationCommandAutocompleteResult, new JsonObject { ["choices"] = choices }, cancellationToken);
    }

    /// <summary>The reply as the initial response; a file it carries (/my-data's JSON) is uploaded with it.</summary>
    private Task ReplyAsync(Exchange exchange, Reply reply, CancellationToken cancellationToken)
    {
        var (message, file) = DiscordMessageRenderer.RenderWithFile(Bound(exchange, reply));
        return RespondAsync(exchange, InteractionCallbackType.ChannelMessageWithSource, message, cancellationToken, Files(file));
    }

    private static RestFile[] Files(ReplyFile? file) => file is null ? [] : [new RestFile(file.FileName, file.ContentType, file.Content)];

    /// <summary>In a DM, the reply's buttons carry the server, as the press that led to it did.</summary>
    private static Reply Bound(Exchange exchange, Reply reply) =>
        exchange.BoundServerId is { } serverId ? ActionScope.BindButtons(reply, serverId) : reply;

    /// <summary>The initial response: once per interaction, never retried past its window. Remembers what the member got.</summary>
    private async Task RespondAsync(Exchange exchange, InteractionCallbackType type, JsonObject? data, CancellationToken cancellationToken, IReadOnlyList<RestFile>? files = null)
    {
        var interaction = exchange.Interaction;
        var body = new JsonObject { ["type"] = (int)type };
        if (data is not null)
        {
            body["data"] = data;
        }

        var response = await api.RespondToInteractionAsync(interaction.Id, interaction.Token, body, files ?? [], interaction.RespondBy, cancellationToken);
        if (response.IsSuccess)
        {
            exchange.Responded = type;
        }
        else
        {
            LogResponseFailed(type.ToString(), response.StatusCode, response.Failure);
        }
    }

    /// <summary>
    /// After a failure: the short reply in whatever form Discord still takes. An autocomplete can only get choices
    /// (none); a deferred reply is edited; a member who already got their answer or the form needs nothing more.
    /// </summary>
    private async Task ApologiseAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        var interaction = exchange.Interaction;
        try
        {
            switch (exchange.Responded)
            {
                case null when interaction.Type == InteractionType.Autocomplete:
                    await SuggestAsync(exchange, [], cancellationToken);
                    break;
                case null:
                    var message = FailureMessage();
                    message["flags"] = MessageFlag.Ephemeral;
                    await RespondAsync(exchange, InteractionCallbackType.ChannelMessageWithSource, message, cancellationToken);
                    break;
                case InteractionCallbackType.DeferredChannelMessageWithSource:
                    await CheckAsync(api.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, FailureMessage(), cancellationToken), "edit");
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogApologyFailed(ex, interaction.Id);
        }
    }

    private static JsonObject FailureMessage() => new()
    {
        ["content"] = FailureText,
        ["embeds"] = new JsonArray(),
        ["components"] = new JsonArray(),
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
    };

    private async Task CheckAsync(Task<RestResponse> call, string step)
    {
        var response = await call;
        if (!response.IsSuccess)
        {
            LogResponseFailed(step, response.StatusCode, response.Failure);
        }
    }

    /// <summary>Option values as the text Core parses: strings as sent, numbers and snowflakes as digits.</summary>
    internal static Dictionary<string, string> ReadOptions(JsonElement data)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("options", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return options;
        }

        foreach (var option in list.EnumerateArray())
        {
            if (DiscordInteraction.Text(option, "name") is not { } name || !option.TryGetProperty("value", out var value))
            {
                continue;
            }

            options[name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.GetRawText(),
            };
        }

        return options;
    }

    private static (string? Name, string Typed) FocusedOption(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("options", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in list.EnumerateArray())
            {
                if (option.ValueKind == JsonValueKind.Object
                    && option.TryGetProperty("focused", out var focused) && focused.ValueKind == JsonValueKind.True)
                {
                    var typed = option.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                    return (DiscordInteraction.Text(option, "name"), typed);
                }
            }
        }

        return (null, "");
    }

    /// <summary>Finds a text input's value in a submitted form: inside Label components or legacy action rows.</summary>
    internal static string? FindInputValue(JsonElement element, string customId)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (DiscordInteraction.Text(element, "custom_id") == customId && DiscordInteraction.Text(element, "value") is { } value)
                {
                    return value;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "components" or "component" && FindInputValue(property.Value, customId) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInputValue(item, customId) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    [LoggerMessage(EventId = 6700, Level = LogLevel.Information, Message = "Deferred /{Command}: its handler took longer than the defer threshold")]
    private partial void LogDeferred(string command);

    [LoggerMessage(EventId = 6701, Level = LogLevel.Warning, Message = "Interaction {Step} failed: HTTP {Status} ({Failure})")]
    private partial void LogResponseFailed(string step, int status, RestFailure failure);

    [LoggerMessage(EventId = 6702, Level = LogLevel.Warning, Message = "Interaction of type {Type} is not handled")]
    private partial void LogUnhandledType(int type);

    [LoggerMessage(EventId = 6703, Level = LogLevel.Error, Message = "Handling interaction {InteractionId} ({Type}) failed; the member is told it was logged")]
    private partial void LogInteractionFailed(Exception exception, string interactionId, InteractionType type);

    [LoggerMessage(EventId = 6704, Level = LogLevel.Warning, Message = "Could not tell the member that interaction {InteractionId} failed")]
    private partial void LogApologyFailed(Exception exception, string interactionId);

    [LoggerMessage(EventId = 6706, Level = LogLevel.Warning, Message = "Milestone roles not synced after interaction {InteractionId}")]
    private partial void LogMilestoneSyncFailed(Exception exception, string interactionId);

    [LoggerMessage(EventId = 6705, Level = LogLevel.Warning, Message = "/{Command} refused on server {ServerId}: the interaction has no permissions and the server's roles are not known")]
    private partial void LogPermissionsUnknown(string command, ulong serverId);

    /// <summary>One interaction and what it has been answered with so far.</summary>
    private sealed class Exchange(DiscordInteraction interaction)
    {
        public DiscordInteraction Interaction => interaction;

        /// <summary>The accepted initial response, or null while Discord has none.</summary>
        public InteractionCallbackType? Responded { get; set; }

        /// <summary>In a DM: the server the pressed button or submitted form is bound to.</summary>
        public string? BoundServerId { get; set; }
    }
}
