namespace StudyBot.Discord.Events;

/// <summary>The gateway event names StudyBot handles (docs: events/gateway-events); each keys its handler.</summary>
public static class DiscordEvents
{
    public const string Ready = "READY";
    public const string InteractionCreate = "INTERACTION_CREATE";
    public const string MessageCreate = "MESSAGE_CREATE";
    public const string GuildMemberAdd = "GUILD_MEMBER_ADD";
    public const string GuildCreate = "GUILD_CREATE";
    public const string GuildUpdate = "GUILD_UPDATE";
    public const string GuildDelete = "GUILD_DELETE";
    public const string GuildRoleCreate = "GUILD_ROLE_CREATE";
    public const string GuildRoleUpdate = "GUILD_ROLE_UPDATE";
    public const string GuildRoleDelete = "GUILD_ROLE_DELETE";

    /// <summary>
    /// Events that change state later events read (the session, the permission cache): handled one at a time, in
    /// gateway order. They only touch memory, except READY's command registration, once per session.
    /// </summary>
    public static bool HandledInOrder(string eventName) =>
        eventName is Ready or GuildCreate or GuildUpdate or GuildDelete or GuildRoleCreate or GuildRoleUpdate or GuildRoleDelete;
}
