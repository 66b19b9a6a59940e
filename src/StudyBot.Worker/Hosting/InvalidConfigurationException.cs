namespace StudyBot.Worker.Hosting;

/// <summary>Settings that cannot be used; <see cref="Problems"/> holds one line for each, naming the key, the value and what is allowed.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : this([message])
    {
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public InvalidConfigurationException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems ?? [])) => Problems = problems ?? [];

    public IReadOnlyList<string> Problems { get; }
}
