using System.Text.Json.Nodes;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>The three envelope types Socket Mode delivers (SMDOC; JSDK routes only these).</summary>
public static class EnvelopeTypes
{
    public const string EventsApi = "events_api";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
}

/// <summary>The disconnect reasons SMDOC lists (§1.5); the app must treat the field as an open string.</summary>
public static class DisconnectReasons
{
    /// <summary>Sent about 10 s before the socket goes away: open a new one now.</summary>
    public const string Warning = "warning";

    /// <summary>The routine refresh every few hours: open a new socket, then drain and close the old one.</summary>
    public const string RefreshRequested = "refresh_requested";

    /// <summary>Socket Mode was switched off: do not reconnect (the fake refuses new sockets afterwards).</summary>
    public const string LinkDisabled = "link_disabled";

    /// <summary>More than the app's connection cap (10).</summary>
    public const string TooManyWebsockets = "too_many_websockets";
}

/// <summary>
/// What a test pushes: the envelope's type, its payload (identical to the HTTP-mode body) and
/// accepts_response_payload. Build one with <see cref="SlackPayloads"/>, push it with <see cref="FakeSlack.PushAsync"/>.
/// </summary>
public sealed record SlackEnvelope(string Type, JsonObject Payload, bool AcceptsResponsePayload);

/// <summary>One send of an envelope on one connection: the first delivery or a retry.</summary>
/// <param name="Json">The frame exactly as sent.</param>
public sealed record EnvelopeDelivery(string EnvelopeId, int RetryAttempt, string RetryReason, int ConnectionIndex, DateTimeOffset SentAt, JsonObject Json);

/// <summary>An ack the app sent: {"envelope_id":…} with an optional payload.</summary>
/// <param name="Envelope">The pushed envelope it answers; null when its envelope_id is unknown.</param>
/// <param name="Delivery">The delivery whose envelope_id it named; null when unknown.</param>
/// <param name="ConnectionIndex">The connection it arrived on.</param>
/// <param name="Latency">From the delivery's send to this ack, on the fake's clock.</param>
/// <param name="OnDeliveringConnection">False when it came back on another socket than the delivery went out on (UNCONFIRMED whether Slack accepts that, §1.4).</param>
/// <param name="Duplicate">True when the envelope had already been acked (Bolt ignores a second ack).</param>
public sealed record ReceivedAck(
    string EnvelopeId,
    JsonObject? Payload,
    SentEnvelope? Envelope,
    EnvelopeDelivery? Delivery,
    int ConnectionIndex,
    DateTimeOffset ReceivedAt,
    TimeSpan? Latency,
    bool WithinDeadline,
    bool OnDeliveringConnection,
    bool Duplicate);

/// <summary>An envelope the fake pushed, with its deliveries (retries included) and the ack it got.</summary>
public sealed class SentEnvelope
{
    private readonly List<EnvelopeDelivery> deliveries = [];
    private readonly TaskCompletionSource<ReceivedAck> acked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();

    internal SentEnvelope(string type, JsonObject payload, bool acceptsResponsePayload)
    {
        Type = type;
        Payload = payload;
        AcceptsResponsePayload = acceptsResponsePayload;
    }

    public string Type { get; }

    public JsonObject Payload { get; }

    public bool AcceptsResponsePayload { get; }

    /// <summary>The first delivery's envelope_id ("" until it has gone out).</summary>
    public string EnvelopeId
    {
        get
        {
            lock (gate)
            {
                return deliveries.Count == 0 ? "" : deliveries[0].EnvelopeId;
            }
        }
    }

    /// <summary>For events: payload.event_id, the key the app should dedupe on (EVDOC).</summary>
    public string? EventId => Payload["event_id"]?.GetValue<string>();

    public IReadOnlyList<EnvelopeDelivery> Deliveries
    {
        get
        {
            lock (gate)
            {
                return [.. deliveries];
            }
        }
    }

    /// <summary>The first ack for any of its deliveries; null while unacked.</summary>
    public ReceivedAck? Ack { get; private set; }

    /// <summary>Acked, and within the deadline (3 s by default) of the delivery it answered.</summary>
    public bool AckedWithinDeadline => Ack is { WithinDeadline: true };

    /// <summary>A delivery's deadline passed without an ack (for events this is what triggers a retry).</summary>
    public bool DeadlineMissed { get; internal set; }

    /// <summary>An events_api envelope whose retries are used up without an ack.</summary>
    public bool GaveUp { get; internal set; }

    /// <summary>Waiting for a connection: pushed (or due for a retry) while no Socket Mode connection was open.</summary>
    public bool Queued { get; internal set; }

    /// <summary>Completes with the first ack.</summary>
    public Task<ReceivedAck> Acked => acked.Task;

    public Task<ReceivedAck> WaitForAckAsync(TimeSpan? timeout = null) =>
        acked.Task.WaitAsync(timeout ?? FakeSlack.DefaultTimeout);

    internal int NextRetryAttempt
    {
        get
        {
            lock (gate)
            {
                return deliveries.Count;
            }
        }
    }

    internal void AddDelivery(EnvelopeDelivery delivery)
    {
        lock (gate)
        {
            deliveries.Add(delivery);
        }
    }

    /// <summary>True for the first ack.</summary>
    internal bool TryAcknowledge(ReceivedAck ack)
    {
        lock (gate)
        {
            if (Ack is not null)
            {
                return false;
            }

            Ack = ack;
        }

        acked.TrySetResult(ack);
        return true;
    }

    public override string ToString() => $"{Type} {EnvelopeId} ({Deliveries.Count} deliveries, {(Ack is null ? "unacked" : "acked")})";
}
