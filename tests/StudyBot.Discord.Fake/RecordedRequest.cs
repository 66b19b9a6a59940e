using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>One HTTP request as the fake received it.</summary>
/// <param name="Path">The path below /api/v10, starting with '/', e.g. "/channels/1/messages"; the full path when outside the API.</param>
/// <param name="Query">The raw query string including '?', or "".</param>
/// <param name="Body">The body as text; for multipart/form-data its payload_json part (the files are in <see cref="Files"/>).</param>
/// <param name="Json">The body parsed as JSON, or null when it was empty or not JSON.</param>
/// <param name="Bucket">The rate-limit bucket the request was counted against (route + major parameter), or null.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    JsonNode? Json,
    DateTimeOffset ReceivedAt,
    string? Bucket)
{
    /// <summary>The status code the fake answered with; 0 until the answer is decided.</summary>
    public int ResponseStatus { get; internal set; }

    /// <summary>The files[n] parts of a multipart/form-data request, in order.</summary>
    public IReadOnlyList<UploadedFile> Files { get; init; } = [];

    /// <summary>Whether the body came as multipart/form-data (payload_json plus files).</summary>
    public bool IsMultipart { get; init; }

    /// <summary>Why a multipart body could not be read as Discord reads it, or null.</summary>
    public string? MultipartProblem { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}{Query} -> {ResponseStatus}";
}

/// <summary>One files[n] part of a multipart request: <paramref name="Index"/> is n, which attachments[].id refers to.</summary>
public sealed record UploadedFile(int Index, string FileName, string? ContentType, byte[] Content);
