using System.Globalization;

namespace StudyBot.Discord.Interactions;

/// <summary>The permission bits StudyBot checks (docs: topics/permissions).</summary>
public static class DiscordPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;

    /// <summary>What an owner or an administrator has: every permission.</summary>
    public const ulong All = ulong.MaxValue;

    /// <summary>MANAGE_GUILD as the decimal string Discord's docs ask for in default_member_permissions.</summary>
    public static string ManageGuildText { get; } = ManageGuild.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the bits allow managing the server: Manage Server itself, or Administrator, which implies every permission.</summary>
    public static bool CanManageServer(ulong permissions) => (permissions & (Administrator | ManageGuild)) != 0;
}
