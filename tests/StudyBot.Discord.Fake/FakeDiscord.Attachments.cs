using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// Files members attached to a slash command, served as Discord's CDN serves them: GET
/// /attachments/{channel}/{id}/{filename}, 404 once unknown. <see cref="Interactions.SlashCommandWithFile"/> puts one
/// in data.resolved.attachments.
/// </summary>
public sealed partial class FakeDiscord
{
    private const string AttachmentsPrefix = "/attachments/";

    private readonly ConcurrentDictionary<string, byte[]> attachmentFiles = new(StringComparer.Ordinal);

    /// <summary>How many times an attachment was fetched.</summary>
    public int AttachmentDownloads => attachmentDownloads;

    private int attachmentDownloads;

    /// <summary>Stores a file for the CDN; returns its id and URL.</summary>
    public (string Id, string Url) AddAttachment(string filename, byte[] content)
    {
        var id = NewSnowflake();
        var path = $"{AttachmentsPrefix}{Interactions.ChannelId}/{id}/{Uri.EscapeDataString(filename)}";
        attachmentFiles[path] = content;
        return (id, BaseUrl + path);
    }

    private async Task<bool> TryServeAttachmentAsync(HttpContext context, string rawPath)
    {
        if (!rawPath.StartsWith(AttachmentsPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Interlocked.Increment(ref attachmentDownloads);
        if (context.Request.Method != "GET" || !attachmentFiles.TryGetValue(rawPath, out var content))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return true;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
        return true;
    }
}
