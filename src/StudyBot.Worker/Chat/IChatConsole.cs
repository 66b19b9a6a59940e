namespace StudyBot.Worker.Chat;

/// <summary>The terminal the console chat talks to; tests give it strings instead.</summary>
public interface IChatConsole
{
    TextReader Input { get; }

    /// <summary>Writes a block of lines at once, so a scheduled post never lands inside a reply.</summary>
    void Write(string block);
}

public sealed class SystemChatConsole : IChatConsole
{
    private readonly Lock writeLock = new();

    public TextReader Input => Console.In;

    public void Write(string block)
    {
        lock (writeLock)
        {
            Console.Out.Write(block);
            Console.Out.Flush();
        }
    }
}
