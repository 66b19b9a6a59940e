using System.Runtime.InteropServices;

namespace StudyBot.Worker.Tests;

/// <summary>Sends SIGINT (what Ctrl+C sends) to a process, straight through libc rather than a kill binary.</summary>
internal static partial class Signals
{
    private const int SigInt = 2;

    public static int Interrupt(int processId) => Kill(processId, SigInt);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
