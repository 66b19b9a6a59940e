namespace StudyBot.Discord.Gateway;

/// <summary>The gateway cannot be used with this configuration; reconnecting would not help.</summary>
public sealed class GatewayFatalException : Exception
{
    public GatewayFatalException()
    {
    }

    public GatewayFatalException(string message)
        : base(message)
    {
    }

    public GatewayFatalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayFatalException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The gateway close code, or the HTTP status when <c>GET gateway/bot</c> was refused.</summary>
    public int Code { get; }
}
