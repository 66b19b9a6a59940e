using System.Text.Json.Nodes;

namespace StudyBot.Slack.Tests.Fake;

/// <summary>One HTTP request to the Web API or to a response_url, as the fake received and answered it.</summary>
/// <param name="Method">The Web API method ("chat.postMessage"), <see cref="SlackMethods.ResponseUrl"/>, or the unknown name asked for.</param>
/// <param name="HttpMethod">"POST" normally.</param>
/// <param name="Path">The request path, e.g. "/api/chat.postMessage".</param>
/// <param name="Query">The raw query string including '?', or "".</param>
/// <param name="Body">The raw body text.</param>
/// <param name="BodyFormat">"json", "form" or "none": how the fake read the arguments.</param>
/// <param name="Args">
/// The arguments: the JSON object as sent, or the form fields as strings. Form fields holding JSON
/// (blocks, view, attachments, metadata) are parsed, so tests can read both shapes the same way.
/// </param>
public sealed record RecordedApiCall(
    string Method,
    string HttpMethod,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string BodyFormat,
    JsonObject Args,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The HTTP status the fake answered with.</summary>
    public int ResponseStatus { get; internal set; }

    /// <summary>The JSON answer, or null for a scripted 5xx.</summary>
    public JsonObject? Response { get; internal set; }

    /// <summary>The "error" of an ok:false answer (including "ratelimited"), else null.</summary>
    public string? Error => Response?["ok"]?.GetValue<bool>() == false ? Response["error"]?.GetValue<string>() : null;

    public bool Ok => ResponseStatus == 200 && Response?["ok"]?.GetValue<bool>() == true;

    /// <summary>A string argument, whichever body format carried it (JSON numbers and booleans as their JSON text).</summary>
    public string? Arg(string name) => Args[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => other.ToJsonString(),
    };

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} -> {ResponseStatus} {(Ok ? "ok" : Error)}";
}
