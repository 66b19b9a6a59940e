using System.Net;
using System.Text;

namespace StudyBot.Discord.Interactions;

/// <summary>
/// Fetches a file attached to a slash command (an option of type 11: its URL is in data.resolved.attachments) as
/// UTF-8 text, with a size cap and a timeout. Every failure is a short sentence for the member, never an exception.
/// </summary>
public sealed class AttachmentDownloader(HttpClient http, TimeProvider time)
{
    /// <summary>The largest file taken: more than an import of the most rows allowed needs.</summary>
    public const int MaxBytes = 256 * 1024;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or the problem to tell the member.</summary>
    public async Task<(string? Text, string? Problem)> DownloadAsync(string? url, long? size, CancellationToken cancellationToken)
    {
        if (size > MaxBytes)
        {
            return (null, TooLarge(size.Value));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return (null, "Discord sent no address for the file; attach it again.");
        }

        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"Discord did not hand over the file (HTTP {(int)response.StatusCode}); attach it again.");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return (null, TooLarge(response.Content.Headers.ContentLength.Value));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            int chunk;
            while (read < buffer.Length && (chunk = await stream.ReadAsync(buffer.AsMemory(read), linked.Token)) > 0)
            {
                read += chunk;
            }

            if (read > MaxBytes)
            {
                return (null, TooLarge(read));
            }

            return (StrictUtf8.GetString(buffer, 0, read), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"Fetching the file took longer than {Timeout.TotalSeconds:0} seconds; try again.");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.StatusCode is HttpStatusCode code
                ? $"Discord did not hand over the file (HTTP {(int)code}); attach it again."
                : "The file could not be fetched from Discord just now; try again.");
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not UTF-8 text. Attach a .json or .csv file saved as UTF-8.");
        }
    }

    private static string TooLarge(long bytes) =>
        $"The file is too large ({(bytes + 1023) / 1024} KB); the most is {MaxBytes / 1024} KB.";
}
