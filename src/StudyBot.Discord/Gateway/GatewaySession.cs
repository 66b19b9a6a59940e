namespace StudyBot.Discord.Gateway;

/// <summary>What survives a reconnect: the session to resume and the last sequence number seen.</summary>
internal sealed class GatewaySession
{
    private long _sequence = -1;
    private volatile string? _sessionId;
    private volatile string? _resumeUrl;

    public string? SessionId => _sessionId;

    public string? ResumeUrl => _resumeUrl;

    /// <summary>The last non-null <c>s</c>; read by the heartbeat on another thread.</summary>
    public long? Sequence
    {
        get
        {
            var value = Interlocked.Read(ref _sequence);
            return value < 0 ? null : value;
        }
    }

    public bool CanResume => _sessionId is not null && _resumeUrl is not null;

    /// <summary>Resume attempts since the last READY/RESUMED that ended without RESUMED.</summary>
    public int FailedResumes { get; set; }

    public void TrackSequence(long sequence) => Interlocked.Exchange(ref _sequence, sequence);

    public void Start(string sessionId, string resumeUrl)
    {
        _sessionId = sessionId;
        _resumeUrl = resumeUrl;
        FailedResumes = 0;
    }

    public void Clear()
    {
        _sessionId = null;
        _resumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
        FailedResumes = 0;
    }
}
