using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>One call the adapter made; <paramref name="RetryUntil"/> is null for a call without a retry deadline.</summary>
internal sealed record RecordedCall(HttpMethod Method, string Path, JsonNode? Body, DateTimeOffset? RetryUntil, IReadOnlyList<RestFile>? Files = null);

/// <summary>An IDiscordRest that records calls and answers each with a configurable response.</summary>
internal sealed class RecordingRest : IDiscordRest
{
    private readonly Lock gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> waiters = [];

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public Func<HttpMethod, string, RestResponse> Respond { get; set; } = (_, _) => new RestResponse(200, new JsonObject { ["id"] = "1" }, RestFailure.None);

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        Record(new RecordedCall(method, path, body?.DeepClone(), null));

    public Task<RestResponse> SendAsync(HttpMethod method, string path, JsonNode? body, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
        Record(new RecordedCall(method, path, body?.DeepClone(), retryUntil));

    public Task<RestResponse> SendWithFilesAsync(HttpMethod method, string path, JsonNode payload, IReadOnlyList<RestFile> files, DateTimeOffset retryUntil, CancellationToken cancellationToken) =>
        Record(new RecordedCall(method, path, payload.DeepClone(), retryUntil, files));

    /// <summary>Completes once <paramref name="count"/> calls have been made in all: a signal to wait on, not a sleep.</summary>
    public Task WaitForCallsAsync(int count)
    {
        lock (gate)
        {
            if (Calls.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private Task<RestResponse> Record(RecordedCall call)
    {
        lock (gate)
        {
            Calls.Enqueue(call);
            foreach (var waiter in waiters.Where(w => Calls.Count >= w.Count).ToList())
            {
                waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return Task.FromResult(Respond(call.Method, call.Path));
    }
}
