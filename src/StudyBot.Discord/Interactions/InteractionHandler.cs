using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Answers every interaction within Discord's 3 seconds: commands (deferred when the handler is slow), the
/// Answer button (a form), autocomplete, and the submitted form. Personal replies are ephemeral.
/// </summary>
public sealed partial class InteractionHandler(
    CommandDispatcher dispatcher,
    AnswerService answers,
    StreakService streaks,
    DiscordApi api,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    public const string AnswerModalPrefix = "answer-modal:";
    public const string AnswerInputId = "answer";

    /// <summary>How long a command may run before the reply is deferred; well inside the 3 s deadline.</summary>
    internal TimeSpan DeferAfter { get; init; } = TimeSpan.FromMilliseconds(1500);

    public async Task HandleAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.GuildId is null && interaction.Type != InteractionType.Ping)
        {
            await ReplyAsync(interaction, Reply.Problem("StudyBot works inside a server: use its commands there."), cancellationToken);
            return;
        }

        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                await HandleCommandAsync(interaction, cancellationToken);
                break;
            case InteractionType.MessageComponent:
                await HandleButtonAsync(interaction, cancellationToken);
                break;
            case InteractionType.Autocomplete:
                await HandleAutocompleteAsync(interaction, cancellationToken);
                break;
            case InteractionType.ModalSubmit:
                await HandleModalAsync(interaction, cancellationToken);
                break;
            default:
                LogUnhandledType((int)interaction.Type);
                break;
        }
    }

    private static MemberContext Member(DiscordInteraction interaction) =>
        new(DiscordIds.Server(interaction.GuildId!.Value), DiscordIds.Member(interaction.UserId), interaction.DisplayName, interaction.CanManageServer, interaction.Id);

    private async Task HandleCommandAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var name = DiscordInteraction.Text(interaction.Data, "name") ?? "";
        var options = ReadOptions(interaction.Data);
        var work = dispatcher.DispatchAsync(new CommandInvocation(name, options, Member(interaction), DiscordReferenceSyntax.Instance), cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(work, Task.Delay(DeferAfter, time, deadline.Token)) == work;
        await deadline.CancelAsync();
        if (finished)
        {
            await ReplyAsync(interaction, await work, cancellationToken);
            return;
        }

        // A deferral fixes ephemerality up front, so the command's definition decides it, not the reply to come.
        var personal = dispatcher.Find(name)?.Visibility == ReplyVisibility.Private;
        var deferred = new JsonObject { ["type"] = 5 };
        if (personal)
        {
            deferred["data"] = new JsonObject { ["flags"] = DiscordLimits.EphemeralFlag };
        }

        LogDeferred(name);
        await CheckAsync(api.RespondToInteractionAsync(interaction.Id, interaction.Token, deferred, cancellationToken), "defer");
        var message = DiscordMessageRenderer.Render(await work);
        message.Remove("flags");
        await CheckAsync(api.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message, cancellationToken), "edit");
    }

    private async Task HandleButtonAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var customId = DiscordInteraction.Text(interaction.Data, "custom_id") ?? "";
        if (!customId.StartsWith(DailyPostReply.AnswerActionPrefix, StringComparison.Ordinal)
            || !int.TryParse(customId[DailyPostReply.AnswerActionPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var questionId))
        {
            await ReplyAsync(interaction, Reply.Problem("That button is no longer active."), cancellationToken);
            return;
        }

        var input = new JsonObject
        {
            ["type"] = 4,
            ["custom_id"] = AnswerInputId,
            ["style"] = 2,
            ["label"] = "Your answer",
            ["min_length"] = streaks.MinAnswerLength,
            ["max_length"] = Math.Min(streaks.MaxAnswerLength, DiscordLimits.TextInputMaxLength),
            ["required"] = true,
            ["placeholder"] = "Think it through: approach, trade-offs, how you would test it.",
        };
        var modal = new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = AnswerModalPrefix + questionId.ToString(CultureInfo.InvariantCulture),
                ["title"] = $"Answer Q#{questionId}",
                ["components"] = new JsonArray(new JsonObject { ["type"] = 1, ["components"] = new JsonArray(input) }),
            },
        };
        await CheckAsync(api.RespondToInteractionAsync(interaction.Id, interaction.Token, modal, cancellationToken), "modal");
    }

    private async Task HandleModalAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var customId = DiscordInteraction.Text(interaction.Data, "custom_id") ?? "";
        if (!customId.StartsWith(AnswerModalPrefix, StringComparison.Ordinal)
            || !int.TryParse(customId[AnswerModalPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var questionId))
        {
            await ReplyAsync(interaction, Reply.Problem("That form is no longer active."), cancellationToken);
            return;
        }

        var text = FindInputValue(interaction.Data, AnswerInputId) ?? "";
        var reply = await answers.SubmitAsync(Member(interaction), questionId, text, AnswerSource.AnswerButton, cancellationToken);
        await ReplyAsync(interaction, reply, cancellationToken);
    }

    private async Task HandleAutocompleteAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var name = DiscordInteraction.Text(interaction.Data, "name") ?? "";
        var definition = dispatcher.Definitions.FirstOrDefault(d => d.Name == name);
        var (optionName, typed) = FocusedOption(interaction.Data);
        var option = definition?.Options.FirstOrDefault(o => o.Name == optionName);
        IEnumerable<(string Name, string Value)> suggestions = option?.Kind switch
        {
            OptionKind.TimeZone => TimeZoneCatalog.Suggest(typed, DiscordLimits.Choices).Select(z => (z, z)),
            OptionKind.Choice => option.ChoiceList
                .Where(c => c.Value.Contains(typed, StringComparison.OrdinalIgnoreCase) || c.Label.Contains(typed, StringComparison.OrdinalIgnoreCase))
                .Select(c => (c.Label, c.Value)),
            _ => [],
        };
        var choices = new JsonArray([.. suggestions.Take(DiscordLimits.Choices).Select(s => new JsonObject
        {
            ["name"] = DiscordMessageRenderer.Truncate(s.Name, DiscordLimits.ChoiceName),
            ["value"] = s.Value,
        })]);
        var response = new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = choices } };
        await CheckAsync(api.RespondToInteractionAsync(interaction.Id, interaction.Token, response, cancellationToken), "autocomplete");
    }

    private Task ReplyAsync(DiscordInteraction interaction, Reply reply, CancellationToken cancellationToken)
    {
        var response = new JsonObject { ["type"] = 4, ["data"] = DiscordMessageRenderer.Render(reply) };
        return CheckAsync(api.RespondToInteractionAsync(interaction.Id, interaction.Token, response, cancellationToken), "reply");
    }

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
                if (option.TryGetProperty("focused", out var focused) && focused.ValueKind == JsonValueKind.True)
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
}
