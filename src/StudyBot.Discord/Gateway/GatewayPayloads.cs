using System.Text.Json.Nodes;

namespace StudyBot.Discord.Gateway;

/// <summary>Builds what the client sends and the URL it connects to.</summary>
internal static class GatewayPayloads
{
    private const string Query = "v=10&encoding=json";

    /// <summary>
    /// Adds the version and encoding to a gateway URL. Both the <c>gateway/bot</c> URL and
    /// <c>resume_gateway_url</c> need it; resuming without it fails and falls back to identifying.
    /// </summary>
    public static Uri WithVersion(string url)
    {
        var builder = new UriBuilder(url);
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? Query : existing + "&" + Query;
        return builder.Uri;
    }

    public static string Heartbeat(long? sequence) =>
        new JsonObject { ["op"] = GatewayOpCode.Heartbeat, ["d"] = sequence }.ToJsonString();

    public static string Identify(string token, int intents) =>
        new JsonObject
        {
            ["op"] = GatewayOpCode.Identify,
            ["d"] = new JsonObject
            {
                ["token"] = token,
                ["intents"] = intents,
                ["properties"] = new JsonObject
                {
                    ["os"] = OperatingSystemName(),
                    ["browser"] = "studybot",
                    ["device"] = "studybot",
                },

                // Without a presence some Discord-compatible servers show the bot offline; Discord itself defaults to online.
                ["presence"] = new JsonObject
                {
                    ["since"] = null,
                    ["activities"] = new JsonArray(),
                    ["status"] = "online",
                    ["afk"] = false,
                },
            },
        }.ToJsonString();

    public static string Resume(string token, string sessionId, long? sequence) =>
        new JsonObject
        {
            ["op"] = GatewayOpCode.Resume,
            ["d"] = new JsonObject { ["token"] = token, ["session_id"] = sessionId, ["seq"] = sequence },
        }.ToJsonString();

    private static string OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";
}
