using System.Collections.Concurrent;
using System.Text;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

/// <summary>A chat console fed line by line from the test; reading blocks until a line comes or input is ended.</summary>
internal sealed class ScriptedChatConsole : IChatConsole, IDisposable
{
    private readonly BlockingCollection<string> lines = [];
    private readonly StringBuilder output = new();
    private readonly Lock outputLock = new();

    /// <summary>Completed by the next <see cref="Write"/>, then replaced: what a wait for output waits on.</summary>
    private TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedChatConsole(params string[] script)
    {
        Input = new QueueReader(lines);
        foreach (var line in script)
        {
            lines.Add(line);
        }
    }

    public TextReader Input { get; }

    public string Output
    {
        get
        {
            lock (outputLock)
            {
                return output.ToString();
            }
        }
    }

    public void Send(string line) => lines.Add(line);

    public void EndInput() => lines.CompleteAdding();

    public void Write(string block)
    {
        TaskCompletionSource wake;
        lock (outputLock)
        {
            output.Append(block);
            wake = written;
            written = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.SetResult();
    }

    /// <summary>Waits, woken by each write, until <paramref name="text"/> has been written <paramref name="occurrences"/> times.</summary>
    public async Task<string> WaitForOutputAsync(string text, int occurrences = 1, int timeoutMs = 15000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            string soFar;
            Task nextWrite;
            lock (outputLock)
            {
                soFar = output.ToString();
                nextWrite = written.Task;
            }

            if (Count(soFar, text) >= occurrences)
            {
                return soFar;
            }

            try
            {
                await nextWrite.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"'{text}' did not appear {occurrences} time(s) in {timeoutMs} ms. Output so far:\n{Output}");
            }
        }
    }

    public static int Count(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public void Dispose()
    {
        Input.Dispose();
        lines.Dispose();
    }

    private sealed class QueueReader(BlockingCollection<string> lines) : TextReader
    {
        public override string? ReadLine()
        {
            try
            {
                return lines.Take();
            }
            catch (InvalidOperationException)
            {
                // Input ended (or the console was disposed): end of input, as for a closed stdin.
                return null;
            }
        }
    }
}
