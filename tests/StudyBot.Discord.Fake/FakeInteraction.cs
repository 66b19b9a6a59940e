using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>An interaction the fake dispatched, with everything the client did with it over REST.</summary>
public sealed class FakeInteraction
{
    private readonly List<JsonObject> callbacks = [];
    private readonly List<JsonObject> followups = [];
    private readonly List<JsonObject> edits = [];

    internal FakeInteraction(string id, string token, string? channelId, DateTimeOffset dispatchedAt, JsonObject payload)
    {
        Id = id;
        Token = token;
        ChannelId = channelId;
        DispatchedAt = dispatchedAt;
        Payload = payload;
    }

    public string Id { get; }

    public string Token { get; }

    public string? ChannelId { get; }

    /// <summary>When the INTERACTION_CREATE went out: the 3 s response deadline and 15 min token life count from here.</summary>
    public DateTimeOffset DispatchedAt { get; }

    public JsonObject Payload { get; }

    /// <summary>The callback type of the accepted initial response (4, 5, 6, 7, 8, 9 …), or null while unanswered.</summary>
    public int? AcknowledgedWith { get; internal set; }

    /// <summary>When the accepted initial response arrived, by the fake's clock.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>Completes when the initial response has been accepted.</summary>
    public Task Acknowledged => acknowledged.Task;

    private readonly TaskCompletionSource acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Acknowledge(int type, DateTimeOffset at)
    {
        AcknowledgedWith = type;
        AcknowledgedAt = at;
        acknowledged.TrySetResult();
    }

    /// <summary>The message the initial response made (type 4) or will show (type 5, edited through @original).</summary>
    public JsonObject? Original { get; internal set; }

    /// <summary>Accepted callback bodies (one at most, since a second is refused with 40060).</summary>
    public IReadOnlyList<JsonObject> Callbacks => Locked(callbacks);

    public IReadOnlyList<JsonObject> Followups => Locked(followups);

    /// <summary>PATCH bodies sent to @original or to a follow-up.</summary>
    public IReadOnlyList<JsonObject> Edits => Locked(edits);

    internal void AddCallback(JsonObject body) => Add(callbacks, body);

    internal void AddFollowup(JsonObject message) => Add(followups, message);

    internal void AddEdit(JsonObject body) => Add(edits, body);

    internal JsonObject? FindMessage(string messageId)
    {
        if (messageId == "@original")
        {
            return Original;
        }

        lock (followups)
        {
            return followups.FirstOrDefault(m => m["id"]?.GetValue<string>() == messageId);
        }
    }

    private static void Add(List<JsonObject> list, JsonObject item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static IReadOnlyList<JsonObject> Locked(List<JsonObject> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
