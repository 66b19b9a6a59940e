namespace StudyBot.Core.Milestones;

/// <summary>How a platform took a role change.</summary>
public enum RoleSyncOutcome
{
    Done,

    /// <summary>The platform refused: the bot may not manage these roles (Discord: no Manage Roles, or a role above the bot's).</summary>
    Forbidden,

    /// <summary>It may work later (rate limits, an outage); the next sync tries again.</summary>
    Failed,
}

public sealed record RoleSyncResult(RoleSyncOutcome Outcome, string? Detail = null)
{
    public static RoleSyncResult Done { get; } = new(RoleSyncOutcome.Done);
}

/// <summary>
/// Port: gives and takes a member's roles on the platform that <see cref="Platform"/> names (a server id's platform
/// part). Only platforms with roles register one; a server whose platform has none has no milestone roles.
/// </summary>
public interface IMemberRoleSync
{
    string Platform { get; }

    /// <summary>Adds <paramref name="add"/> and removes <paramref name="remove"/> (role ids); stops at the first refusal.</summary>
    Task<RoleSyncResult> ApplyAsync(string serverId, string memberId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, CancellationToken cancellationToken);
}
