namespace StudyBot.Slack.Socket;

/// <summary>
/// One WebSocket connection to Socket Mode, reduced to what the client needs, so tests can play Slack with a scripted
/// fake. An instance serves one connection. Liveness below the JSON level (WebSocket ping/pong) is the transport's job:
/// a peer that stops answering must end <see cref="ReceiveAsync"/> with a close or an exception.
/// </summary>
public interface ISocketModeTransport : IAsyncDisposable
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one text frame. The client never calls this (or <see cref="CloseAsync"/>) twice at once.</summary>
    Task SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Waits for one whole text message, or for the connection to end.</summary>
    Task<SocketFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends a normal close frame without waiting for the answer, which a dead peer never gives.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}

/// <summary>A received text message, or the end of the connection (with the close code when there was a close frame).</summary>
public sealed record SocketFrame(string? Text, int? CloseCode)
{
    public bool IsClose => Text is null;

    public static SocketFrame Message(string text) => new(text, null);

    public static SocketFrame Closed(int? code) => new(null, code);
}
