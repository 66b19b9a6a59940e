using System.Globalization;
using System.Text.Json.Nodes;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>
/// Builds envelopes whose payloads have the shapes docs/slack-protocol.md gives for them (our own fixtures, not
/// copies): slash commands (§2), block_actions (§3.1), view_submission (§3.3) and Events API callbacks (§8).
/// trigger_id and response_url values are the fake's own: views.open and the response_url endpoint honour them
/// once the envelope has been pushed with <see cref="FakeSlack.PushAsync"/>.
/// </summary>
public sealed class SlackPayloads
{
    private const string VerificationToken = "fakeverificationtoken0001";
    private readonly FakeSlack fake;

    internal SlackPayloads(FakeSlack fake) => this.fake = fake;

    public string UserId { get; set; } = FakeSlack.DefaultUserId;

    public string UserName { get; set; } = "student";

    public string ChannelId { get; set; } = FakeSlack.DefaultChannelId;

    public string ChannelName { get; set; } = "study";

    /// <summary>A slash command (SMDOC example, SCDOC fields): every field a string, is_enterprise_install included.</summary>
    public SlackEnvelope SlashCommand(string command, string text = "", string? userId = null, string? channelId = null)
    {
        var user = userId ?? UserId;
        var channel = channelId ?? ChannelId;
        var payload = new JsonObject
        {
            ["token"] = VerificationToken,
            ["team_id"] = fake.TeamId,
            ["team_domain"] = fake.TeamDomain,
            ["channel_id"] = channel,
            ["channel_name"] = channel == ChannelId ? ChannelName : fake.Channel(channel).Name,
            ["user_id"] = user,
            ["user_name"] = UserNameOf(user),
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = fake.AppId,
            // BOLT types/command: commands send the string "true"/"false", not a boolean (§2).
            ["is_enterprise_install"] = "false",
            ["response_url"] = fake.NewResponseUrl(isCommand: true, user, channel, originalTs: null),
            ["trigger_id"] = NewTriggerId(),
        };
        if (fake.EnterpriseId is not null)
        {
            payload["enterprise_id"] = fake.EnterpriseId;
            payload["enterprise_name"] = "Study Enterprise";
        }

        return new SlackEnvelope(EnvelopeTypes.SlashCommands, payload, AcceptsResponsePayload: true);
    }

    /// <summary>
    /// A click on a button (or other element) of a message the bot posted: block_id, text and value are taken from
    /// the element in that message's current blocks, and the payload carries the message as Slack does.
    /// </summary>
    public SlackEnvelope BlockActions(FakeSlackMessage message, string actionId, string? userId = null)
    {
        var (blockId, element) = message.FindElement(actionId)
            ?? throw new ArgumentException($"No element with action_id \"{actionId}\" in message {message.Ts}.", nameof(actionId));
        var ephemeral = message.EphemeralTo is not null;
        var payload = BlockActionsPayload(
            Action(element, blockId ?? "", actionId),
            userId ?? message.EphemeralTo ?? UserId,
            message.Channel,
            container: new JsonObject
            {
                ["type"] = "message",
                ["message_ts"] = message.Ts,
                ["channel_id"] = message.Channel,
                ["is_ephemeral"] = ephemeral,
            },
            originalTs: message.Ts);
        if (!ephemeral)
        {
            payload["message"] = message.ToJson(fake.TeamId, fake.AppId);
        }

        return new SlackEnvelope(EnvelopeTypes.Interactive, payload, AcceptsResponsePayload: true);
    }

    /// <summary>A button click built from parts, for messages the fake did not see (e.g. posted before the test).</summary>
    public SlackEnvelope BlockActions(string actionId, string? value = null, string blockId = "actions", string buttonText = "Answer", string? messageTs = null, string? channelId = null, string? userId = null)
    {
        var channel = channelId ?? ChannelId;
        var ts = messageTs ?? fake.NewTs();
        var element = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = buttonText, ["emoji"] = true },
        };
        if (value is not null)
        {
            element["value"] = value;
        }

        var payload = BlockActionsPayload(
            Action(element, blockId, actionId),
            userId ?? UserId,
            channel,
            container: new JsonObject { ["type"] = "message", ["message_ts"] = ts, ["channel_id"] = channel, ["is_ephemeral"] = false },
            originalTs: ts);
        payload["message"] = new JsonObject
        {
            ["type"] = "message",
            ["text"] = "",
            ["user"] = fake.BotUserId,
            ["bot_id"] = fake.BotId,
            ["app_id"] = fake.AppId,
            ["ts"] = ts,
            ["team"] = fake.TeamId,
            ["blocks"] = new JsonArray(new JsonObject { ["type"] = "actions", ["block_id"] = blockId, ["elements"] = new JsonArray(element.DeepClone()) }),
        };
        return new SlackEnvelope(EnvelopeTypes.Interactive, payload, AcceptsResponsePayload: true);
    }

    /// <summary>
    /// A view_submission for a modal the bot opened: values keyed by block_id then action_id, with each element's
    /// type taken from the view (a null value is an optional input left empty, §3.3).
    /// </summary>
    public SlackEnvelope ViewSubmission(FakeSlackView view, params (string BlockId, string ActionId, string? Value)[] values)
    {
        var state = new JsonObject();
        foreach (var (blockId, actionId, value) in values)
        {
            var element = FindViewElement(view, blockId, actionId)
                ?? throw new ArgumentException($"The view has no input block \"{blockId}\" with action_id \"{actionId}\".", nameof(values));
            if (state[blockId] is not JsonObject block)
            {
                block = [];
                state[blockId] = block;
            }

            block[actionId] = StateValue(element, value);
        }

        var viewJson = fake.ViewJson(view);
        viewJson["state"] = new JsonObject { ["values"] = state };
        var user = view.UserId ?? UserId;
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = Team(),
            ["user"] = User(user),
            ["api_app_id"] = fake.AppId,
            ["token"] = VerificationToken,
            ["trigger_id"] = NewTriggerId(),
            ["view"] = viewJson,
            ["response_urls"] = new JsonArray(),
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
        return new SlackEnvelope(EnvelopeTypes.Interactive, payload, AcceptsResponsePayload: true);
    }

    /// <summary>view_closed: sent only when the view set notify_on_close (MODDOC).</summary>
    public SlackEnvelope ViewClosed(FakeSlackView view, bool isCleared = false)
    {
        var payload = new JsonObject
        {
            ["type"] = "view_closed",
            ["team"] = Team(),
            ["user"] = User(view.UserId ?? UserId),
            ["api_app_id"] = fake.AppId,
            ["token"] = VerificationToken,
            ["view"] = fake.ViewJson(view),
            ["is_cleared"] = isCleared,
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
        return new SlackEnvelope(EnvelopeTypes.Interactive, payload, AcceptsResponsePayload: false);
    }

    /// <summary>
    /// A user's message (message.channels, §8): a thread reply when <paramref name="threadTs"/> is set (then with
    /// parent_user_id). Pushing it stores the message, so the bot can react to it or reply in its thread.
    /// </summary>
    public SlackEnvelope MessageEvent(string text, string? channelId = null, string? userId = null, string? threadTs = null)
    {
        var channel = channelId ?? ChannelId;
        var ts = fake.NewTs();
        var message = new JsonObject
        {
            ["type"] = "message",
            ["channel"] = channel,
            ["user"] = userId ?? UserId,
            ["text"] = text,
            ["ts"] = ts,
            ["event_ts"] = ts,
            ["channel_type"] = ChannelType(channel),
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["team"] = fake.TeamId,
        };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
            message["parent_user_id"] = fake.FindMessage(channel, threadTs)?.UserId ?? fake.BotUserId;
        }

        return Event(message);
    }

    /// <summary>The echo of a bot post as Slack sends it back: user is the bot user, bot_id set, no subtype (§8).</summary>
    public SlackEnvelope BotMessageEvent(FakeSlackMessage message)
    {
        var json = message.ToJson(fake.TeamId, fake.AppId);
        json["channel"] = message.Channel;
        json["event_ts"] = message.Ts;
        json["channel_type"] = ChannelType(message.Channel);
        json["bot_profile"] = new JsonObject { ["id"] = fake.BotId, ["app_id"] = fake.AppId, ["name"] = fake.BotName, ["deleted"] = false, ["team_id"] = fake.TeamId };
        return Event(json);
    }

    /// <summary>member_joined_channel (§8): also fires for the bot itself joining.</summary>
    public SlackEnvelope MemberJoinedChannel(string? userId = null, string? channelId = null, string? inviterId = null)
    {
        var channel = channelId ?? ChannelId;
        var joined = new JsonObject
        {
            ["type"] = "member_joined_channel",
            ["user"] = userId ?? UserId,
            ["channel"] = channel,
            ["channel_type"] = channel.StartsWith('G') ? "G" : "C",
            ["team"] = fake.TeamId,
            ["event_ts"] = fake.NewTs(),
        };
        if (inviterId is not null)
        {
            joined["inviter"] = inviterId;
        }

        return Event(joined);
    }

    /// <summary>app_home_opened (§8): fires on every open; <paramref name="tab"/> is "home" or "messages".</summary>
    public SlackEnvelope AppHomeOpened(string? userId = null, string tab = "home")
    {
        var user = userId ?? UserId;
        return Event(new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = user,
            ["channel"] = fake.DirectMessageChannelOf(user),
            ["tab"] = tab,
            ["event_ts"] = fake.NewTs(),
        });
    }

    /// <summary>Wraps any event in the Events API callback (EVDOC): event_id (the dedupe key), event_time, authorizations.</summary>
    public SlackEnvelope Event(JsonObject innerEvent)
    {
        var payload = new JsonObject
        {
            ["token"] = VerificationToken,
            ["team_id"] = fake.TeamId,
            ["context_team_id"] = fake.TeamId,
            ["context_enterprise_id"] = fake.EnterpriseId,
            ["api_app_id"] = fake.AppId,
            ["event"] = innerEvent,
            ["type"] = "event_callback",
            ["event_id"] = fake.NewId("Ev"),
            ["event_time"] = fake.EpochSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject
            {
                ["enterprise_id"] = fake.EnterpriseId,
                ["team_id"] = fake.TeamId,
                ["user_id"] = fake.BotUserId,
                ["is_bot"] = true,
                ["is_enterprise_install"] = false,
            }),
            ["is_ext_shared_channel"] = false,
            ["event_context"] = "4-" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
        };
        return new SlackEnvelope(EnvelopeTypes.EventsApi, payload, AcceptsResponsePayload: false);
    }

    private JsonObject BlockActionsPayload(JsonObject action, string userId, string channelId, JsonObject container, string originalTs) => new()
    {
        ["type"] = "block_actions",
        ["user"] = User(userId),
        ["api_app_id"] = fake.AppId,
        ["token"] = VerificationToken,
        ["container"] = container,
        ["trigger_id"] = NewTriggerId(),
        ["team"] = Team(),
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = channelId == ChannelId ? ChannelName : fake.Channel(channelId).Name },
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["response_url"] = fake.NewResponseUrl(isCommand: false, userId, channelId, originalTs),
        ["actions"] = new JsonArray(action),
    };

    private JsonObject Action(JsonObject element, string blockId, string actionId)
    {
        var action = new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = blockId,
            ["text"] = element["text"]?.DeepClone(),
            ["type"] = element["type"]?.DeepClone() ?? "button",
            ["action_ts"] = fake.NewTs(),
        };
        if (element["value"] is { } value)
        {
            action["value"] = value.DeepClone();
        }

        return action;
    }

    private static JsonObject? FindViewElement(FakeSlackView view, string blockId, string actionId) =>
        (view.View["blocks"] as JsonArray)?.OfType<JsonObject>()
            .Where(b => b["block_id"]?.ToString() == blockId)
            .Select(b => b["element"] as JsonObject)
            .FirstOrDefault(e => e?["action_id"]?.ToString() == actionId);

    private static JsonObject StateValue(JsonObject element, string? value)
    {
        var type = element["type"]?.ToString() ?? "plain_text_input";
        if (type is "static_select" or "radio_buttons")
        {
            var option = (element["options"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => o["value"]?.ToString() == value);
            return new JsonObject { ["type"] = type, ["selected_option"] = value is null ? null : option?.DeepClone() ?? new JsonObject { ["value"] = value } };
        }

        return new JsonObject { ["type"] = type, ["value"] = value };
    }

    private JsonObject Team() => new() { ["id"] = fake.TeamId, ["domain"] = fake.TeamDomain };

    private JsonObject User(string userId)
    {
        var name = UserNameOf(userId);
        return new JsonObject { ["id"] = userId, ["username"] = name, ["name"] = name, ["team_id"] = fake.TeamId };
    }

    private string UserNameOf(string userId) => userId == UserId ? UserName : fake.User(userId)?.Name ?? userId.ToLowerInvariant();

    private static string ChannelType(string channelId) => channelId[0] switch
    {
        'D' => "im",
        'G' => "group",
        _ => "channel",
    };

    /// <summary>Shaped like Slack's ("13345224609.738474920.8088930838d88f008e0"): opaque, unique.</summary>
    private string NewTriggerId() =>
        string.Create(CultureInfo.InvariantCulture, $"{fake.EpochSeconds()}.{Random.Shared.NextInt64(100_000_000, 999_999_999)}.{Guid.NewGuid():N}");
}
