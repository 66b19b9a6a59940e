using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StudyBot.Slack.Tests.Settings;

/// <summary>
/// config/slack-app-manifest.json, the manifest a user pastes into Slack's app settings, is what the client needs
/// and within the manifest schema's limits (slackapi/manifest-schema, version 1).
/// </summary>
public partial class AppManifestTests
{
    private static readonly JsonObject Manifest = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "config", "slack-app-manifest.json")))!;

    [Fact]
    public void Manifest_SocketModeAndInteractivityOn_NoRequestUrls()
    {
        var settings = Manifest["settings"]!;

        Assert.True((bool)settings["socket_mode_enabled"]!);
        Assert.True((bool)settings["interactivity"]!["is_enabled"]!);
        Assert.Null(settings["interactivity"]!["request_url"]);
        Assert.Null(settings["event_subscriptions"]!["request_url"]);
        Assert.All((JsonArray)Manifest["features"]!["slash_commands"]!, c => Assert.Null(c!["url"]));
    }

    [Fact]
    public void Manifest_SlashCommand_IsTheDefaultCommandWithinTheSchemaLimits()
    {
        var command = Assert.Single((JsonArray)Manifest["features"]!["slash_commands"]!)!;

        Assert.Equal(SlackOptions.DefaultCommand, (string?)command["command"]);
        Assert.Matches(CommandPattern(), (string)command["command"]!);
        Assert.InRange(((string)command["description"]!).Length, 1, 2000);
        Assert.InRange(((string)command["usage_hint"]!).Length, 1, 1000);
        Assert.True((bool)command["should_escape"]!);
    }

    [Fact]
    public void Manifest_BotScopes_CoverEveryMethodTheClientCalls()
    {
        var scopes = ((JsonArray)Manifest["oauth_config"]!["scopes"]!["bot"]!).Select(s => (string)s!).ToList();

        // commands: the slash command; chat:write: post, ephemeral, update; channels:join: conversations.join;
        // channels/groups:history: thread replies; im:write: conversations.open; users:read: users.info; reactions:write: reactions.add.
        Assert.Equal(
            ["channels:history", "channels:join", "chat:write", "commands", "groups:history", "im:write", "reactions:write", "users:read"],
            scopes.Order(StringComparer.Ordinal));
        Assert.All(scopes, s => Assert.InRange(s.Length, 1, 50));
    }

    [Fact]
    public void Manifest_BotEvents_ThreadRepliesInPublicAndPrivateChannels()
    {
        var events = ((JsonArray)Manifest["settings"]!["event_subscriptions"]!["bot_events"]!).Select(e => (string)e!).ToList();

        Assert.Equal(["message.channels", "message.groups"], events);
    }

    [Fact]
    public void Manifest_Names_WithinTheSchemaLimits()
    {
        Assert.Equal(1, (int)Manifest["_metadata"]!["major_version"]!);
        Assert.InRange(((string)Manifest["display_information"]!["name"]!).Length, 1, 35);
        Assert.InRange(((string)Manifest["display_information"]!["description"]!).Length, 1, 140);
        Assert.InRange(((string)Manifest["features"]!["bot_user"]!["display_name"]!).Length, 1, 80);
        Assert.Matches(ColorPattern(), (string)Manifest["display_information"]!["background_color"]!);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudyBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No StudyBot.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("^/[a-z0-9_\\-]{1,31}$")]
    private static partial Regex CommandPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
