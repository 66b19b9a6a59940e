using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace StudyBot.Discord.Gateway;

/// <summary>The real transport: a <see cref="ClientWebSocket"/> speaking JSON text frames, no compression.</summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport
{
    /// <summary>Largest buffer kept between messages: READY can be megabytes, an interaction is a few kilobytes.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    private readonly ClientWebSocket _socket = new();

    // One message is received at a time (the client's single receive loop), so one buffer serves them all.
    private ArrayBufferWriter<byte> _message = new(16 * 1024);

    public WebSocketGatewayTransport()
    {
        _socket.Options.SetRequestHeader("User-Agent", DiscordOptions.UserAgent);
        // Liveness comes from Discord's heartbeat ACKs (op 11), not from WebSocket pings.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) =>
        _socket.ConnectAsync(uri, cancellationToken);

    public async Task SendAsync(string payload, CancellationToken cancellationToken)
    {
        // Payloads are at most 4096 bytes, so each goes out as a single frame.
        var bytes = Encoding.UTF8.GetBytes(payload);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    public async Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken)
    {
        // READY can be far larger than one frame: keep reading until EndOfMessage.
        var message = _message;
        message.ResetWrittenCount();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(message.GetMemory(8 * 1024), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return GatewayFrame.Closed((int?)_socket.CloseStatus);
                }

                message.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    var text = Encoding.UTF8.GetString(message.WrittenSpan);
                    if (message.Capacity > KeptBufferBytes)
                    {
                        _message = new ArrayBufferWriter<byte>(16 * 1024);
                    }

                    return GatewayFrame.Message(text);
                }
            }
        }
        catch (WebSocketException)
        {
            // The connection dropped without a close frame: there is no code to report.
            return GatewayFrame.Closed(null);
        }
    }

    public async Task CloseAsync(int code, CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            // CloseOutputAsync does not wait for the server's answer, which never comes on a dead connection.
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, null, cancellationToken);
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
