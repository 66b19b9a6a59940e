using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudyBot.Slack.Socket;

/// <summary>What one text frame from Slack turned out to be.</summary>
internal abstract record SocketMessage;

/// <summary>The connection is usable. <see cref="ApproximateConnectionTime"/> is how long Slack plans to keep it.</summary>
internal sealed record HelloMessage(int? NumConnections, TimeSpan? ApproximateConnectionTime) : SocketMessage;

/// <summary>Slack is about to close this connection (or Socket Mode was switched off, reason link_disabled).</summary>
internal sealed record DisconnectMessage(string Reason) : SocketMessage;

internal sealed record EnvelopeMessage(SocketEnvelope Envelope) : SocketMessage;

/// <summary>An envelope the client cannot read (unknown type, no payload): acknowledged so Slack does not resend it, never handled.</summary>
internal sealed record UnreadableEnvelope(string EnvelopeId, string Problem) : SocketMessage;

internal sealed record UnknownMessage(string Type) : SocketMessage;

internal sealed record MalformedMessage : SocketMessage;

/// <summary>Reads Socket Mode frames into typed records, leniently: a missing optional field is null, never an exception.</summary>
internal static class SocketMessageParser
{
    public static SocketMessage Parse(string text)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return new MalformedMessage();
        }

        if (root is null)
        {
            return new MalformedMessage();
        }

        var type = Str(root, "type") ?? "";
        var envelopeId = Str(root, "envelope_id");
        if (envelopeId is not null)
        {
            return ParseEnvelope(root, envelopeId, type);
        }

        return type switch
        {
            "hello" => new HelloMessage(
                Int(root, "num_connections"),
                root["debug_info"] is JsonObject debug && Int(debug, "approximate_connection_time") is { } seconds and > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : null),
            "disconnect" => new DisconnectMessage(Str(root, "reason") ?? ""),
            "" => new MalformedMessage(),
            _ => new UnknownMessage(type),
        };
    }

    private static SocketMessage ParseEnvelope(JsonObject root, string envelopeId, string type)
    {
        var envelopeType = type switch
        {
            "events_api" => SocketEnvelopeType.EventsApi,
            "slash_commands" => SocketEnvelopeType.SlashCommands,
            "interactive" => SocketEnvelopeType.Interactive,
            _ => (SocketEnvelopeType?)null,
        };
        if (envelopeType is null)
        {
            return new UnreadableEnvelope(envelopeId, $"unknown envelope type '{type}'");
        }

        if (root["payload"] is not JsonObject payload)
        {
            return new UnreadableEnvelope(envelopeId, "no payload object");
        }

        SlackPayload typed = envelopeType switch
        {
            SocketEnvelopeType.SlashCommands => ReadSlashCommand(payload),
            SocketEnvelopeType.Interactive => ReadInteraction(payload),
            _ => ReadEventsApi(payload),
        };

        return new EnvelopeMessage(new SocketEnvelope(
            envelopeId,
            envelopeType.Value,
            Bool(root, "accepts_response_payload"),
            Int(root, "retry_attempt") ?? 0,
            Str(root, "retry_reason") is { Length: > 0 } reason ? reason : null,
            typed,
            payload));
    }

    private static SlashCommand ReadSlashCommand(JsonObject p) => new(
        Str(p, "command") ?? "",
        Str(p, "text") ?? "",
        Str(p, "user_id") ?? "",
        Str(p, "team_id") ?? "",
        Str(p, "channel_id") ?? "",
        Str(p, "trigger_id") ?? "",
        Url(p, "response_url"),
        Str(p, "user_name"),
        Str(p, "team_domain"),
        Str(p, "channel_name"),
        Str(p, "enterprise_id"),
        Str(p, "api_app_id"),
        Bool(p, "is_enterprise_install"));

    private static SlackPayload ReadInteraction(JsonObject p)
    {
        var type = Str(p, "type") ?? "";
        return type switch
        {
            "block_actions" => ReadBlockActions(p),
            "view_submission" => ReadViewSubmission(p),
            "view_closed" => ReadViewClosed(p),
            _ => new UnknownPayload(type),
        };
    }

    private static BlockActions ReadBlockActions(JsonObject p)
    {
        var actions = new List<BlockAction>();
        if (p["actions"] is JsonArray array)
        {
            foreach (var a in array.OfType<JsonObject>())
            {
                actions.Add(new BlockAction(Str(a, "type") ?? "", Str(a, "action_id") ?? "", Str(a, "block_id"), Str(a, "value"), Str(a, "action_ts")));
            }
        }

        InteractionContainer? container = p["container"] is JsonObject c
            ? new InteractionContainer(Str(c, "type") ?? "", Str(c, "message_ts"), Str(c, "channel_id"), Bool(c, "is_ephemeral"), Str(c, "thread_ts"), Str(c, "view_id"))
            : null;
        var channelId = p["channel"] is JsonObject channel ? Str(channel, "id") : container?.ChannelId;
        var messageTs = p["message"] is JsonObject message ? Str(message, "ts") : container?.MessageTs;
        return new BlockActions(
            ReadUser(p),
            TeamId(p),
            channelId,
            Str(p, "trigger_id"),
            Url(p, "response_url"),
            container,
            messageTs,
            actions,
            p["view"] is JsonObject view ? Str(view, "id") : container?.ViewId,
            Str(p, "api_app_id"));
    }

    private static ViewSubmission ReadViewSubmission(JsonObject p)
    {
        var view = p["view"] as JsonObject ?? [];
        var values = new Dictionary<string, IReadOnlyDictionary<string, ViewInputValue>>(StringComparer.Ordinal);
        if (view["state"]?["values"] is JsonObject blocks)
        {
            foreach (var (blockId, blockNode) in blocks)
            {
                if (blockNode is not JsonObject inputs)
                {
                    continue;
                }

                var block = new Dictionary<string, ViewInputValue>(StringComparer.Ordinal);
                foreach (var (actionId, inputNode) in inputs)
                {
                    if (inputNode is JsonObject input)
                    {
                        block[actionId] = new ViewInputValue(Str(input, "type") ?? "", Str(input, "value", allowEmpty: true), input);
                    }
                }

                values[blockId] = block;
            }
        }

        return new ViewSubmission(
            ReadUser(p),
            TeamId(p),
            Str(p, "trigger_id"),
            Str(view, "id") ?? "",
            Str(view, "callback_id") ?? "",
            Str(view, "private_metadata", allowEmpty: true) ?? "",
            Str(view, "hash"),
            values,
            Str(p, "api_app_id"));
    }

    private static ViewClosed ReadViewClosed(JsonObject p)
    {
        var view = p["view"] as JsonObject ?? [];
        return new ViewClosed(
            ReadUser(p),
            TeamId(p),
            Str(view, "id") ?? "",
            Str(view, "callback_id") ?? "",
            Str(view, "private_metadata", allowEmpty: true) ?? "",
            Bool(p, "is_cleared"));
    }

    private static SlackPayload ReadEventsApi(JsonObject p)
    {
        var type = Str(p, "type") ?? "";
        if (type != "event_callback" || p["event"] is not JsonObject e)
        {
            return new UnknownPayload(type);
        }

        var eventType = Str(e, "type") ?? "";
        SlackEvent typed = eventType switch
        {
            "message" => new MessageEvent(
                Str(e, "channel") ?? "",
                Str(e, "channel_type"),
                Str(e, "user"),
                Str(e, "bot_id"),
                Str(e, "subtype"),
                Str(e, "text", allowEmpty: true) ?? "",
                Str(e, "ts") ?? "",
                Str(e, "thread_ts"),
                Str(e, "parent_user_id"),
                Str(e, "team")),
            "member_joined_channel" => new MemberJoinedChannelEvent(
                Str(e, "user") ?? "", Str(e, "channel") ?? "", Str(e, "channel_type"), Str(e, "team"), Str(e, "inviter")),
            "app_home_opened" => new AppHomeOpenedEvent(Str(e, "user") ?? "", Str(e, "channel") ?? "", Str(e, "tab")),
            _ => new UnknownEvent(eventType),
        };

        return new EventCallback(Str(p, "event_id") ?? "", Str(p, "team_id"), Str(p, "api_app_id"), Long(p, "event_time"), typed);
    }

    private static SlackUserRef ReadUser(JsonObject p) =>
        p["user"] is JsonObject u
            ? new SlackUserRef(Str(u, "id") ?? "", Str(u, "username") ?? Str(u, "name"), Str(u, "team_id"))
            : new SlackUserRef("", null, null);

    private static string? TeamId(JsonObject p) => p["team"] is JsonObject team ? Str(team, "id") : Str(p, "team_id");

    private static string? Str(JsonObject? o, string name, bool allowEmpty = false) =>
        o?[name] is JsonValue v && v.TryGetValue(out string? s) && (allowEmpty || s.Length > 0) ? s : null;

    private static Uri? Url(JsonObject o, string name) =>
        Uri.TryCreate(Str(o, name), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;

    private static int? Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out int i) ? i
        : o[name] is JsonValue d && d.TryGetValue(out double x) && x is >= int.MinValue and <= int.MaxValue ? (int)x
        : null;

    private static long? Long(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out long l) ? l : null;

    // Slash commands send "true" as a string, other payloads a JSON boolean: accept both.
    private static bool Bool(JsonObject o, string name) =>
        o[name] is JsonValue v && ((v.TryGetValue(out bool b) && b) || (v.TryGetValue(out string? s) && s == "true"));
}
