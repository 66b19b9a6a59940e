using System.Text.Json;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Adapter;

public sealed class InteractionParsingTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void TryParse_GuildCommand_ReadsMemberNameAndPermissions()
    {
        var interaction = DiscordInteraction.TryParse(Json("""
            {"id":"111","token":"tok","application_id":"222","type":2,"guild_id":"333",
             "member":{"nick":"Ada","permissions":"32","user":{"id":"444","username":"ada","global_name":"Ada L."}},
             "data":{"name":"roadmap","options":[{"name":"phase","type":4,"value":2}]}}
            """), ReceivedAt);

        Assert.NotNull(interaction);
        Assert.Equal("Ada", interaction.DisplayName);
        Assert.Equal(444UL, interaction.UserId);
        Assert.Equal(333UL, interaction.GuildId);
        Assert.Equal(32UL, interaction.Permissions);
        Assert.True(DiscordPermissions.CanManageServer(interaction.Permissions!.Value));
        Assert.Equal(ReceivedAt.AddSeconds(3), interaction.RespondBy);
        Assert.Equal("2", InteractionHandler.ReadOptions(interaction.Data)["phase"]);
    }

    [Fact]
    public void TryParse_MemberWithoutManageServer_IsNotAdmin()
    {
        var interaction = DiscordInteraction.TryParse(Json("""
            {"id":"1","token":"t","application_id":"2","type":2,"guild_id":"3",
             "member":{"permissions":"2147483648","user":{"id":"4","username":"bob"}},"data":{"name":"setup"}}
            """), ReceivedAt);

        Assert.False(DiscordPermissions.CanManageServer(interaction!.Permissions!.Value));
        Assert.Equal("bob", interaction.DisplayName);
    }

    [Fact]
    public void TryParse_MemberWithoutPermissions_PermissionsUnknownAndRolesRead()
    {
        var interaction = DiscordInteraction.TryParse(Json("""
            {"id":"1","token":"t","application_id":"2","type":2,"guild_id":"3",
             "member":{"roles":["5","6"],"user":{"id":"4","username":"bob"}},"data":{"name":"setup"}}
            """), ReceivedAt);

        Assert.Null(interaction!.Permissions);
        Assert.Equal([5UL, 6UL], interaction.RoleIds);
    }

    [Fact]
    public void TryParse_RolesNotAllSnowflakes_RolesUnknown()
    {
        var interaction = DiscordInteraction.TryParse(Json("""
            {"id":"1","token":"t","application_id":"2","type":2,"guild_id":"3",
             "member":{"roles":["5",6],"user":{"id":"4","username":"bob"}},"data":{"name":"setup"}}
            """), ReceivedAt);

        Assert.Null(interaction!.RoleIds);
    }

    [Theory]
    [InlineData("""{"token":"t","application_id":"2","type":2}""")]
    [InlineData("""{"id":"1","token":"t","application_id":"not-a-number","type":2,"user":{"id":"4"}}""")]
    [InlineData("""{"id":"1","token":"t","application_id":"2","type":"two","user":{"id":"4"}}""")]
    [InlineData("""[1,2,3]""")]
    public void TryParse_MalformedPayload_ReturnsNull(string json) => Assert.Null(DiscordInteraction.TryParse(Json(json), ReceivedAt));

    [Fact]
    public void FindInputValue_LabelAndLegacyModalForms_BothRead()
    {
        var label = Json("""{"custom_id":"answer-modal:7","components":[{"type":18,"id":1,"component":{"type":4,"custom_id":"answer","value":"label form"}}]}""");
        var legacy = Json("""{"custom_id":"answer-modal:7","components":[{"type":1,"components":[{"type":4,"custom_id":"answer","value":"legacy form"}]}]}""");

        Assert.Equal("label form", InteractionHandler.FindInputValue(label, "answer"));
        Assert.Equal("legacy form", InteractionHandler.FindInputValue(legacy, "answer"));
    }
}
