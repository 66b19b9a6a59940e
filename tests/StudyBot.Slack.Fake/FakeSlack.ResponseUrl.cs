using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StudyBot.Slack.Tests.Fake;

public sealed partial class FakeSlack
{
    private readonly Dictionary<string, ResponseUrlState> responseUrls = [];
    private readonly Dictionary<(string Channel, string Ts), FakeSlackMessage> botMessages = [];

    /// <summary>HUI: a response_url works up to 5 times.</summary>
    public int ResponseUrlMaxUses { get; set; } = 5;

    /// <summary>HUI: a response_url works for 30 minutes.</summary>
    public TimeSpan ResponseUrlLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many times a response_url has been used successfully; null if the fake never issued it.</summary>
    public int? ResponseUrlUses(string responseUrl)
    {
        lock (gate)
        {
            return responseUrls.TryGetValue(new Uri(responseUrl).AbsolutePath, out var state) ? state.Uses : null;
        }
    }

    internal long EpochSeconds() => Now.ToUnixTimeSeconds();

    /// <summary>A fresh response_url for a slash command ("/commands/…") or an interaction ("/actions/…"), as Slack's hooks look.</summary>
    internal string NewResponseUrl(bool isCommand, string userId, string channelId, string? originalTs)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/{(isCommand ? "commands" : "actions")}/{TeamId}/{Interlocked.Increment(ref idCounter)}/{Guid.NewGuid():N}");
        lock (gate)
        {
            responseUrls[path] = new ResponseUrlState(Now, userId, channelId, originalTs);
        }

        return BaseUrl + path;
    }

    /// <summary>The 30 minutes count from when the interaction goes out.</summary>
    internal void ActivateResponseUrl(string responseUrl)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri))
        {
            return;
        }

        lock (gate)
        {
            if (responseUrls.TryGetValue(uri.AbsolutePath, out var state) && state.Uses == 0)
            {
                state.IssuedAt = Now;
            }
        }
    }

    private async Task HandleResponseUrlAsync(HttpContext context, string path)
    {
        var receivedAt = Now;
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        JsonObject? args = null;
        try
        {
            args = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            args = null;
        }

        var isJson = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        var call = new RecordedApiCall(SlackMethods.ResponseUrl, context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body, isJson ? "json" : "form", args ?? [], receivedAt);

        Reply reply;
        SlackFailure? failure = null;
        lock (gate)
        {
            if (scripted.TryGetValue(SlackMethods.ResponseUrl, out var queue) && queue.TryDequeue(out var next))
            {
                failure = next;
            }
        }

        if (failure is SlackFailure.DelayFailure delay)
        {
            // Released by the clock, the caller hanging up, or the fake shutting down (so disposal never waits on it).
            using var release = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            var held = Task.Delay(delay.Duration, time, release.Token);
            heldCalls.Add(call);
            await held;
            failure = null;
        }

        lock (gate)
        {
            reply = failure switch
            {
                SlackFailure.RateLimitedFailure limited => RateLimited(SlackMethods.ResponseUrl, limited.RetryAfter),
                SlackFailure.HttpStatusFailure status => new Reply(status.Status, null, $"<html><body>{status.Status}</body></html>"),
                SlackFailure.ErrorFailure error => Reply.Error(error.Code),
                _ => RespondViaUrl(call, path, isJson, args, Now),
            };
        }

        await AnswerAsync(context, call, reply);
    }

    private Reply RespondViaUrl(RecordedApiCall call, string path, bool isJson, JsonObject? args, DateTimeOffset now)
    {
        // Slack documents no error strings for response_url; these (and their 404s) are UNCONFIRMED stand-ins.
        if (!responseUrls.TryGetValue(path, out var state))
        {
            return new Reply(404, new JsonObject { ["ok"] = false, ["error"] = "invalid_url" }, null);
        }

        if (now - state.IssuedAt > ResponseUrlLifetime)
        {
            return new Reply(404, new JsonObject { ["ok"] = false, ["error"] = "expired_url" }, null);
        }

        if (state.Uses >= ResponseUrlMaxUses)
        {
            return new Reply(404, new JsonObject { ["ok"] = false, ["error"] = "used_url" }, null);
        }

        if (call.HttpMethod != "POST" || args is null)
        {
            // HUI: a response_url takes a JSON message body by POST.
            Record(SlackMethods.ResponseUrl, "", "a response_url takes a POSTed JSON object", ViolationKind.Rejected);
            return new Reply(400, new JsonObject { ["ok"] = false, ["error"] = "invalid_payload" }, null);
        }

        if (!isJson)
        {
            Record(SlackMethods.ResponseUrl, "", "JSON body without Content-Type: application/json", ViolationKind.Advice);
        }

        var deleting = args["delete_original"]?.ToString() == "true";
        if (!deleting)
        {
            if (string.IsNullOrEmpty(args["text"]?.ToString()) && args["blocks"] is not JsonArray { Count: > 0 })
            {
                return Reply.Error("no_text");
            }

            if (Validated(SlackMethods.ResponseUrl, args) is { } invalid)
            {
                return invalid;
            }
        }

        state.Uses++;
        var original = state.OriginalTs is not null ? botMessages.GetValueOrDefault((state.ChannelId, state.OriginalTs))
            : state.LastTs is not null ? botMessages.GetValueOrDefault((state.ChannelId, state.LastTs))
            : null;
        if (deleting || args["replace_original"]?.ToString() == "true")
        {
            if (original is null)
            {
                // HUI: replace_original/delete_original cannot touch the user's own command message.
                Record(SlackMethods.ResponseUrl, deleting ? "/delete_original" : "/replace_original", "there is no message of the app's to change", ViolationKind.Advice);
            }
            else if (deleting)
            {
                original.Delete();
            }
            else
            {
                original.Edit(args, args["text"]?.ToString(), args["blocks"]?.DeepClone() as JsonArray);
            }

            return new Reply(200, Ok(), null);
        }

        // HUI: ephemeral unless response_type is in_channel.
        var inChannel = args["response_type"]?.ToString() == "in_channel";
        var message = new FakeSlackMessage(
            MessageSource.ResponseUrl,
            state.ChannelId,
            NewTs(),
            args["thread_ts"]?.ToString(),
            BotUserId,
            BotId,
            inChannel ? null : state.UserId,
            args["text"]?.ToString() ?? "",
            args["blocks"]?.DeepClone() as JsonArray,
            args,
            now)
        {
            ResponseUrlPath = path,
        };
        state.LastTs = message.Ts;
        botMessages[(message.Channel, message.Ts)] = message;
        if (inChannel)
        {
            messageStore[(message.Channel, message.Ts)] = message;
        }

        messages.Add(message);
        return new Reply(200, Ok(), null);
    }

    private sealed class ResponseUrlState(DateTimeOffset issuedAt, string userId, string channelId, string? originalTs)
    {
        public DateTimeOffset IssuedAt { get; set; } = issuedAt;

        public string UserId { get; } = userId;

        public string ChannelId { get; } = channelId;

        /// <summary>For an interaction on a message: the message it came from (what replace_original edits).</summary>
        public string? OriginalTs { get; } = originalTs;

        /// <summary>For a command: the last message posted through this URL (what a later replace_original edits).</summary>
        public string? LastTs { get; set; }

        public int Uses { get; set; }
    }
}
