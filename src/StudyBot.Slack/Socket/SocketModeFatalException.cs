namespace StudyBot.Slack.Socket;

/// <summary>
/// Slack refuses the app for good (bad or revoked token, Socket Mode switched off): reconnecting cannot help. The host
/// logs <see cref="Exception.Message"/> as its one line and exits with code 3.
/// </summary>
public sealed class SocketModeFatalException : Exception
{
    public SocketModeFatalException()
    {
    }

    public SocketModeFatalException(string message)
        : base(message)
    {
    }

    public SocketModeFatalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SocketModeFatalException(string error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Slack's error code (invalid_auth, token_revoked…) or the disconnect reason link_disabled.</summary>
    public string Error { get; } = "";
}
