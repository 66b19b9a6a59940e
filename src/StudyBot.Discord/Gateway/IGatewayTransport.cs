namespace StudyBot.Discord.Gateway;

/// <summary>
/// One WebSocket connection to the gateway, reduced to what the client needs, so tests can play Discord
/// with a scripted fake. An instance is used for one connection only.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one text frame. The client never calls this (or <see cref="CloseAsync"/>) twice at once.</summary>
    Task SendAsync(string payload, CancellationToken cancellationToken);

    /// <summary>Waits for one whole message (frames reassembled) or for the connection to end.</summary>
    Task<GatewayFrame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends a close frame with <paramref name="code"/> without waiting for the server's answer.</summary>
    Task CloseAsync(int code, CancellationToken cancellationToken);
}

/// <summary>A received text message, or the end of the connection with the server's close code (null when it just dropped).</summary>
public sealed record GatewayFrame(string? Text, int? CloseCode)
{
    public bool IsClose => Text is null;

    public static GatewayFrame Message(string text) => new(text, null);

    public static GatewayFrame Closed(int? code) => new(null, code);
}
