namespace StudyBot.Persistence.Tests;

/// <summary>A fact that needs Linux and the flock(1) tool; elsewhere it is reported as skipped, not passed.</summary>
public sealed class LinuxFlockFactAttribute : FactAttribute
{
    public LinuxFlockFactAttribute()
    {
        var hasFlock = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "flock")));
        if (!OperatingSystem.IsLinux() || !hasFlock)
        {
            Skip = "Needs Linux with flock(1) to hold the lock from another process.";
        }
    }
}
