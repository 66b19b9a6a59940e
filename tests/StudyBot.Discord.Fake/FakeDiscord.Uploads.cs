using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// Messages with files, as Discord's "Uploading Files" describes them: a multipart/form-data body whose part
/// payload_json is the JSON body (checked against the spec like any other) and whose parts files[n] are the files, each
/// named by an entry of the payload's attachments with id n. An upload becomes an attachment served by the fake's CDN.
/// </summary>
public sealed partial class FakeDiscord
{
    /// <summary>The routes that take files (multipart); any other refuses a multipart body.</summary>
    private static readonly HashSet<string> UploadRoutes = [FakeRoutes.InteractionCallback, FakeRoutes.ExecuteWebhook, FakeRoutes.EditWebhookMessage, FakeRoutes.CreateMessage];

    /// <summary>The most one request may upload (an interaction's attachment_size_limit: 10 MiB).</summary>
    public long UploadLimitBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>An attachment's content by its URL on the fake's CDN, or null.</summary>
    public byte[]? AttachmentContent(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.StartsWith(BaseUrl, StringComparison.Ordinal) ? url[BaseUrl.Length..] : url;
        return attachmentFiles.TryGetValue(path, out var content) ? content : null;
    }

    private static async Task<Upload> ReadMultipartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return new Upload(null, [], "multipart/form-data without a boundary");
        }

        string? payload = null;
        var files = new List<UploadedFile>();
        string? problem = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    problem ??= "a part without Content-Disposition: form-data";
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken);
                if (name == "payload_json")
                {
                    payload = Encoding.UTF8.GetString(buffer.ToArray());
                }
                else if (name.StartsWith("files[", StringComparison.Ordinal) && name.EndsWith(']')
                    && int.TryParse(name.AsSpan(6, name.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                        ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    if (string.IsNullOrEmpty(fileName))
                    {
                        problem ??= $"{name} has no filename";
                    }

                    files.Add(new UploadedFile(index, fileName ?? "", section.ContentType, buffer.ToArray()));
                }
                else
                {
                    problem ??= $"unknown part '{name}'";
                }
            }
        }
        catch (IOException e)
        {
            problem ??= "unreadable multipart body: " + e.Message;
        }

        return new Upload(payload, files, problem ?? (payload is null ? "no payload_json part" : null));
    }

    /// <summary>Why Discord would refuse this upload, or null: a route that takes no files, a malformed body, too large, or attachments that do not match the files.</summary>
    private string? UploadProblem(RecordedRequest request, RouteTemplate route)
    {
        if (!UploadRoutes.Contains(route.Name))
        {
            return $"{route.Name} takes no files";
        }

        if (request.MultipartProblem is { } problem)
        {
            return problem;
        }

        if (request.Files.Sum(f => (long)f.Content.Length) > UploadLimitBytes)
        {
            return "Request entity too large";
        }

        if (request.Files.Select(f => f.Index).Distinct().Count() != request.Files.Count)
        {
            return "two files[n] parts with the same n";
        }

        var described = AttachmentsOf(request.Json).ToList();
        foreach (var index in described)
        {
            if (request.Files.All(f => f.Index != index))
            {
                return $"attachments id {index} refers to no files[{index}] part";
            }
        }

        return request.Files.FirstOrDefault(f => !described.Contains(f.Index)) is { } loose
            ? $"files[{loose.Index}] is not described in payload_json's attachments"
            : null;
    }

    /// <summary>The ids of the attachments a payload describes as new uploads: the n of files[n].</summary>
    private static IEnumerable<int> AttachmentsOf(JsonNode? payload)
    {
        var attachments = (payload?["data"] as JsonObject ?? payload as JsonObject)?["attachments"] as JsonArray ?? [];
        foreach (var attachment in attachments)
        {
            var id = attachment?["id"]?.ToString();
            if (id is not null && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                yield return index;
            }
        }
    }

    /// <summary>The uploads as the message's attachments (as Discord returns them), each stored for the CDN.</summary>
    private JsonArray StoreUploads(RecordedRequest request, JsonObject body, string channelId)
    {
        var attachments = new JsonArray();
        foreach (var file in request.Files)
        {
            var described = (body["attachments"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a["id"]?.ToString() == file.Index.ToString(CultureInfo.InvariantCulture));
            var filename = described?["filename"]?.GetValue<string>() ?? file.FileName;
            var id = NewSnowflake();
            var path = $"{AttachmentsPrefix}{channelId}/{id}/{Uri.EscapeDataString(filename)}";
            attachmentFiles[path] = file.Content;
            attachments.Add(new JsonObject
            {
                ["id"] = id,
                ["filename"] = filename,
                ["size"] = file.Content.Length,
                ["url"] = BaseUrl + path,
                ["proxy_url"] = BaseUrl + path,
                ["content_type"] = file.ContentType,
            });
        }

        return attachments;
    }

    private sealed record Upload(string? PayloadJson, IReadOnlyList<UploadedFile> Files, string? Problem);
}
