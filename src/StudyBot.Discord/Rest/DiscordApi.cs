using System.Globalization;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Rest;

/// <summary>The few Discord REST calls StudyBot makes, each a thin, typed wrapper over <see cref="IDiscordRest"/>.</summary>
public sealed class DiscordApi(IDiscordRest rest)
{
    public Task<RestResponse> BulkOverwriteCommandsAsync(ulong applicationId, ulong? guildId, JsonArray commands, CancellationToken cancellationToken) =>
        rest.SendAsync(
            HttpMethod.Put,
            guildId is { } guild ? $"applications/{applicationId}/guilds/{guild}/commands" : $"applications/{applicationId}/commands",
            commands,
            cancellationToken);

    /// <summary>The initial response: single-use and due within Discord's window, so never retried past <paramref name="respondBy"/>.</summary>
    public Task<RestResponse> RespondToInteractionAsync(string interactionId, string token, JsonObject response, DateTimeOffset respondBy, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{Uri.EscapeDataString(token)}/callback", response, respondBy, cancellationToken);

    /// <summary>The initial response with files: multipart, payload_json holding <paramref name="response"/> (its data.attachments name the files).</summary>
    public Task<RestResponse> RespondToInteractionAsync(
        string interactionId, string token, JsonObject response, IReadOnlyList<RestFile> files, DateTimeOffset respondBy, CancellationToken cancellationToken) =>
        files is { Count: > 0 }
            ? rest.SendWithFilesAsync(HttpMethod.Post, $"interactions/{interactionId}/{Uri.EscapeDataString(token)}/callback", response, files, respondBy, cancellationToken)
            : RespondToInteractionAsync(interactionId, token, response, respondBy, cancellationToken);

    /// <summary>Edits the deferred reply, uploading files when there are any (multipart).</summary>
    public Task<RestResponse> EditOriginalResponseAsync(ulong applicationId, string token, JsonObject message, IReadOnlyList<RestFile> files, CancellationToken cancellationToken) =>
        files is { Count: > 0 }
            ? rest.SendWithFilesAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{Uri.EscapeDataString(token)}/messages/@original", message, files, DateTimeOffset.MaxValue, cancellationToken)
            : EditOriginalResponseAsync(applicationId, token, message, cancellationToken);

    public Task<RestResponse> EditOriginalResponseAsync(ulong applicationId, string token, JsonObject message, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{Uri.EscapeDataString(token)}/messages/@original", message, cancellationToken);

    public Task<RestResponse> CreateMessageAsync(ulong channelId, JsonObject message, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", message, cancellationToken);

    public Task<RestResponse> StartThreadFromMessageAsync(ulong channelId, ulong messageId, string name, CancellationToken cancellationToken) =>
        rest.SendAsync(
            HttpMethod.Post,
            $"channels/{channelId}/messages/{messageId}/threads",
            new JsonObject { ["name"] = name, ["auto_archive_duration"] = 1440 },
            cancellationToken);

    public Task<RestResponse> AddReactionAsync(ulong channelId, ulong messageId, string emoji, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Put, $"channels/{channelId}/messages/{messageId}/reactions/{Uri.EscapeDataString(emoji)}/@me", null, cancellationToken);

    /// <summary>Opens (or finds) the DM channel with a user: POST /users/@me/channels.</summary>
    public Task<RestResponse> OpenDmAsync(ulong userId, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Post, "users/@me/channels", new JsonObject { ["recipient_id"] = userId.ToString(CultureInfo.InvariantCulture) }, cancellationToken);

    public Task<RestResponse> AddMemberRoleAsync(ulong guildId, ulong userId, ulong roleId, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Put, $"guilds/{guildId}/members/{userId}/roles/{roleId}", null, cancellationToken);

    public Task<RestResponse> RemoveMemberRoleAsync(ulong guildId, ulong userId, ulong roleId, CancellationToken cancellationToken) =>
        rest.SendAsync(HttpMethod.Delete, $"guilds/{guildId}/members/{userId}/roles/{roleId}", null, cancellationToken);

    public static ulong? IdOf(RestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Body?["id"]?.GetValue<string>() is { } id && ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
