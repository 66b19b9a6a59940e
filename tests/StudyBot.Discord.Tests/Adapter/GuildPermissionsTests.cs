using System.Text.Json;
using StudyBot.Discord.Events;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>A member's permissions worked out from the server's owner and roles, as Discord computes base permissions.</summary>
public sealed class GuildPermissionsTests
{
    private const ulong Guild = 100;
    private const ulong Owner = 1;
    private const ulong Member = 2;
    private const ulong Moderators = 300;
    private const ulong Admins = 301;
    private const ulong Helpers = 302;
    private const ulong SendMessages = 1UL << 11;

    private readonly GuildPermissions permissions = new();
    private readonly GuildStateHandler handler;

    public GuildPermissionsTests() => handler = new GuildStateHandler(permissions);

    private Task Dispatch(string type, string json) =>
        handler.HandleAsync(new GatewayDispatch(type, JsonDocument.Parse(json).RootElement.Clone(), 1, DateTimeOffset.UnixEpoch), CancellationToken.None);

    private Task GuildCreate(ulong everyone = SendMessages) => Dispatch(DiscordEvents.GuildCreate, $$"""
        {"id":"{{Guild}}","name":"Study","owner_id":"{{Owner}}","roles":[
          {"id":"{{Guild}}","name":"@everyone","permissions":"{{everyone}}"},
          {"id":"{{Moderators}}","name":"Moderators","permissions":"{{DiscordPermissions.ManageGuild | SendMessages}}"},
          {"id":"{{Admins}}","name":"Admins","permissions":"{{DiscordPermissions.Administrator}}"},
          {"id":"{{Helpers}}","name":"Helpers","permissions":"{{SendMessages}}"}]}
        """);

    [Fact]
    public void CanManageServer_GuildNeverSeen_Unknown() =>
        Assert.Null(permissions.CanManageServer(Guild, Member, []));

    [Fact]
    public async Task CanManageServer_Owner_YesWhateverTheRoles()
    {
        await GuildCreate();

        Assert.True(permissions.CanManageServer(Guild, Owner, null));
    }

    [Theory]
    [InlineData(new ulong[] { Moderators }, true)]
    [InlineData(new ulong[] { Admins }, true)]
    [InlineData(new ulong[] { Helpers }, false)]
    [InlineData(new ulong[] { }, false)]
    [InlineData(new ulong[] { Helpers, 999 }, null)]
    [InlineData(new ulong[] { Moderators, 999 }, true)]
    public async Task CanManageServer_FromTheMembersRoles(ulong[] roles, bool? expected)
    {
        await GuildCreate();

        Assert.Equal(expected, permissions.CanManageServer(Guild, Member, roles));
    }

    [Fact]
    public async Task CanManageServer_EveryoneHasManageServer_EveryMemberCan()
    {
        await GuildCreate(everyone: DiscordPermissions.ManageGuild);

        Assert.True(permissions.CanManageServer(Guild, Member, []));
    }

    [Fact]
    public async Task CanManageServer_RolesNotGiven_Unknown()
    {
        await GuildCreate();

        Assert.Null(permissions.CanManageServer(Guild, Member, null));
    }

    [Fact]
    public async Task RoleEvents_CreateUpdateDelete_ChangeTheAnswer()
    {
        await GuildCreate();
        const ulong newRole = 400;

        await Dispatch(DiscordEvents.GuildRoleCreate, $$$"""{"guild_id":"{{{Guild}}}","role":{"id":"{{{newRole}}}","name":"New","permissions":"0"}}""");
        var created = permissions.CanManageServer(Guild, Member, [newRole]);
        await Dispatch(DiscordEvents.GuildRoleUpdate, $$$"""{"guild_id":"{{{Guild}}}","role":{"id":"{{{newRole}}}","name":"New","permissions":"32"}}""");
        var updated = permissions.CanManageServer(Guild, Member, [newRole]);
        await Dispatch(DiscordEvents.GuildRoleDelete, $$$"""{"guild_id":"{{{Guild}}}","role_id":"{{{newRole}}}"}""");
        var deleted = permissions.CanManageServer(Guild, Member, [newRole]);

        Assert.Equal(false, created);
        Assert.Equal(true, updated);
        Assert.Null(deleted);
    }

    [Fact]
    public async Task GuildUpdate_NewOwner_TakesOver()
    {
        await GuildCreate();

        await Dispatch(DiscordEvents.GuildUpdate, $$"""
            {"id":"{{Guild}}","owner_id":"{{Member}}","roles":[{"id":"{{Guild}}","permissions":"0"}]}
            """);

        Assert.True(permissions.CanManageServer(Guild, Member, []));
        Assert.Equal(false, permissions.CanManageServer(Guild, Owner, []));
    }

    [Fact]
    public async Task GuildDelete_Left_Forgotten_Unavailable_Kept()
    {
        await GuildCreate();

        await Dispatch(DiscordEvents.GuildDelete, $$"""{"id":"{{Guild}}","unavailable":true}""");
        var duringOutage = permissions.CanManageServer(Guild, Owner, null);
        await Dispatch(DiscordEvents.GuildDelete, $$"""{"id":"{{Guild}}"}""");

        Assert.True(duringOutage);
        Assert.Null(permissions.CanManageServer(Guild, Owner, null));
    }

    [Fact]
    public async Task GuildCreate_Unavailable_NothingLearnt()
    {
        await Dispatch(DiscordEvents.GuildCreate, $$"""{"id":"{{Guild}}","unavailable":true}""");

        Assert.Equal(0, permissions.Count);
    }
}
