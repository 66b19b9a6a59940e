namespace StudyBot.Slack.Socket;

/// <summary>What the client does about a connection; every disconnect reason is decided in <see cref="Classify"/>.</summary>
internal enum ConnectionSignal
{
    /// <summary>Slack will close it soon (warning, refresh_requested, or a reason not known yet): open the next one, then close it.</summary>
    Refresh,

    /// <summary>No frame for too long: a half-open socket. Replaced like a refresh, in case it still works.</summary>
    Stale,

    /// <summary>It is gone (closed, dropped, a send failed): reconnect after the backoff.</summary>
    Dropped,

    /// <summary>More than 10 sockets for the app: close this one and back off before trying again.</summary>
    TooManyWebsockets,

    /// <summary>Socket Mode was switched off in the app settings: stop, reconnecting cannot help.</summary>
    LinkDisabled,
}

internal static class SocketDisconnects
{
    public static ConnectionSignal Classify(string reason) => reason switch
    {
        "link_disabled" => ConnectionSignal.LinkDisabled,
        "too_many_websockets" => ConnectionSignal.TooManyWebsockets,
        // warning (about 10 s before the close), refresh_requested (routine, every few hours) and any reason Slack adds later.
        _ => ConnectionSignal.Refresh,
    };
}
