namespace StudyBot.Core.State;

/// <summary>Small named values an adapter keeps across restarts, e.g. the fingerprint of the last command registration.</summary>
public interface IAdapterStateStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
