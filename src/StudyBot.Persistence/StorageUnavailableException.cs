namespace StudyBot.Persistence;

/// <summary>
/// The data file cannot be used: another process holds it, it is not a LiteDB database, it is damaged, a newer StudyBot
/// wrote it, or a read or write failed (the inner exception says how). The message is one sentence naming the file and
/// what to do about it.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
