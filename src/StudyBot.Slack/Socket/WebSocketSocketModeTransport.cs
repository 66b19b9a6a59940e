using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace StudyBot.Slack.Socket;

/// <summary>
/// The real transport: a <see cref="ClientWebSocket"/> with text frames. Since .NET 9, setting KeepAliveTimeout makes
/// it send PINGs every KeepAliveInterval and abort when no PONG comes back in time, which catches half-open sockets
/// (NAT timeouts) that would otherwise look connected and deliver nothing.
/// </summary>
public sealed class WebSocketSocketModeTransport : ISocketModeTransport
{
    /// <summary>Largest buffer kept between envelopes: most are a few kilobytes, a big view can be far more.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    private readonly ClientWebSocket _socket = new();

    // One envelope is received at a time (the client's single receive loop), so one buffer serves them all.
    private ArrayBufferWriter<byte> _message = new(16 * 1024);

    public WebSocketSocketModeTransport(TimeSpan keepAliveInterval, TimeSpan keepAliveTimeout)
    {
        _socket.Options.KeepAliveInterval = keepAliveInterval;
        _socket.Options.KeepAliveTimeout = keepAliveTimeout;
    }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => _socket.ConnectAsync(uri, cancellationToken);

    public async Task SendAsync(string text, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public async Task<SocketFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        // Envelopes with big views or messages span several frames: read until EndOfMessage.
        var message = _message;
        message.ResetWrittenCount();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(message.GetMemory(8 * 1024), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return SocketFrame.Closed((int?)_socket.CloseStatus);
                }

                message.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    var text = Encoding.UTF8.GetString(message.WrittenSpan);
                    if (message.Capacity > KeptBufferBytes)
                    {
                        _message = new ArrayBufferWriter<byte>(16 * 1024);
                    }

                    return SocketFrame.Message(text);
                }
            }
        }
        catch (WebSocketException)
        {
            // Dropped without a close frame: there is no code to report.
            return SocketFrame.Closed(null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The keep-alive saw no PONG in time and aborted the socket (it surfaces as "Aborted"): a drop as well.
            return SocketFrame.Closed(null);
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
        }
        catch (WebSocketException)
        {
            // Already gone; there is nobody left to tell.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
