namespace StudyBot.Core.Time;

/// <summary>Exponential reconnect delay with jitter, capped; reset once a connection is up again.</summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double> random)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 16);
        _failures++;
        var baseDelay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        // ±25% so that many clients cut off together do not all come back at the same instant.
        var jittered = baseDelay * (0.75 + (0.5 * random()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }

    public void Reset() => _failures = 0;
}
