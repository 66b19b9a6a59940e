using System.Text.Json.Nodes;

namespace StudyBot.Slack.Socket;

/// <summary>
/// One envelope handed to the <see cref="ISocketModeHandler"/>, with the one acknowledgement it may send. The ack goes
/// back on the socket the envelope came on; whoever acknowledges first (the handler, or the client at the deadline)
/// wins, and every later attempt returns false without sending anything.
/// </summary>
public sealed class SocketModeDelivery
{
    private readonly Func<string, bool> _send;
    private readonly Action<SocketModeDelivery, bool> _acknowledged;
    private int _state;

    internal SocketModeDelivery(SocketEnvelope envelope, Func<string, bool> send, Action<SocketModeDelivery, bool> acknowledged)
    {
        Envelope = envelope;
        _send = send;
        _acknowledged = acknowledged;
    }

    public SocketEnvelope Envelope { get; }

    public bool IsAcknowledged => Volatile.Read(ref _state) != 0;

    /// <summary>The client's bare ack at the deadline; disposed as soon as anyone acknowledges.</summary>
    internal ITimer? DeadlineTimer { get; set; }

    internal bool HandlerStarted { get; set; }

    internal bool HandlerFinished { get; set; }

    /// <summary>
    /// Acknowledges the envelope, with <paramref name="payload"/> when the envelope accepts one (slash commands,
    /// view_submission; see <see cref="SocketAck"/>). Returns true only when this call sent the ack with everything it was
    /// given: false when it was already acknowledged (e.g. by the client at the deadline: then answer a slash command
    /// through its response_url instead), when the socket is gone, or when the envelope takes no payload (a bare ack went).
    /// </summary>
    public bool Acknowledge(JsonObject? payload = null) => TryAcknowledge(payload, byClient: false);

    /// <summary>Gives up the ack without sending it (shutting down before the handler ran): Slack may deliver it again.</summary>
    internal void Abandon()
    {
        if (Interlocked.Exchange(ref _state, 1) == 0)
        {
            _acknowledged(this, true);
        }
    }

    internal bool TryAcknowledge(JsonObject? payload, bool byClient)
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            return false;
        }

        var ack = new JsonObject { ["envelope_id"] = Envelope.EnvelopeId };
        var withPayload = payload is not null && Envelope.AcceptsResponsePayload;
        if (withPayload)
        {
            ack["payload"] = payload!.DeepClone();
        }

        var sent = _send(ack.ToJsonString());
        _acknowledged(this, byClient);
        return sent && (payload is null || withPayload);
    }
}

/// <summary>Ack payloads Slack understands (slack-protocol.md §1.4, §3.3).</summary>
public static class SocketAck
{
    /// <summary>view_submission: keep the modal open and show <paramref name="errorsByBlockId"/> under the named input blocks.</summary>
    public static JsonObject ViewErrors(IReadOnlyDictionary<string, string> errorsByBlockId)
    {
        ArgumentNullException.ThrowIfNull(errorsByBlockId);
        var errors = new JsonObject();
        foreach (var (blockId, message) in errorsByBlockId)
        {
            errors[blockId] = message;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }

    /// <summary>view_submission: replace the submitted view with <paramref name="view"/>.</summary>
    public static JsonObject ViewUpdate(JsonObject view) => WithView("update", view);

    /// <summary>view_submission: push <paramref name="view"/> on top of the stack (at most 3 views).</summary>
    public static JsonObject ViewPush(JsonObject view) => WithView("push", view);

    /// <summary>view_submission: close every view of the stack.</summary>
    public static JsonObject ViewClear() => new() { ["response_action"] = "clear" };

    private static JsonObject WithView(string action, JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new JsonObject { ["response_action"] = action, ["view"] = view.DeepClone() };
    }
}
