using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace StudyBot.Discord.Tests.Rest;

/// <summary>
/// Stamps each request with the moment it left the client, after the client's own rate-limit waits. Limits on how
/// requests are spaced are checked on these stamps: on a loaded machine a request can reach the loopback server tens
/// of milliseconds after it was sent, which makes arrival times look closer together than the sends were.
/// </summary>
internal sealed class SendStampHandler() : DelegatingHandler(new HttpClientHandler())
{
    private const string Header = "X-Test-Sent-At";

    /// <summary>When the request was sent, on the <see cref="Stopwatch"/> clock of this process.</summary>
    public static TimeSpan SentAt(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Stopwatch.GetElapsedTime(0, long.Parse(headers[Header].ToString(), CultureInfo.InvariantCulture));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add(Header, Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
