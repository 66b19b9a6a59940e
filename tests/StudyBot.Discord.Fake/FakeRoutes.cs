namespace StudyBot.Discord.Tests.Fake;

/// <summary>The routes the fake serves, named as rate-limit routes: "METHOD /template" below /api/v10.</summary>
public static class FakeRoutes
{
    public const string GetGatewayBot = "GET /gateway/bot";
    public const string BulkOverwriteGlobalCommands = "PUT /applications/{application_id}/commands";
    public const string BulkOverwriteGuildCommands = "PUT /applications/{application_id}/guilds/{guild_id}/commands";
    public const string InteractionCallback = "POST /interactions/{interaction_id}/{interaction_token}/callback";
    public const string ExecuteWebhook = "POST /webhooks/{webhook_id}/{webhook_token}";
    public const string EditWebhookMessage = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
    public const string CreateMessage = "POST /channels/{channel_id}/messages";
    public const string StartThreadFromMessage = "POST /channels/{channel_id}/messages/{message_id}/threads";
    public const string AddOwnReaction = "PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me";
    public const string CreateDm = "POST /users/@me/channels";
    public const string AddMemberRole = "PUT /guilds/{guild_id}/members/{user_id}/roles/{role_id}";
    public const string RemoveMemberRole = "DELETE /guilds/{guild_id}/members/{user_id}/roles/{role_id}";

    internal static readonly IReadOnlyList<RouteTemplate> All =
    [
        new(GetGatewayBot, Major: [], Exempt: false),
        new(BulkOverwriteGlobalCommands, Major: [1], Exempt: false),
        new(BulkOverwriteGuildCommands, Major: [3], Exempt: false),
        // Interaction and webhook routes carry their own token and are not counted against the global limit.
        new(InteractionCallback, Major: [1, 2], Exempt: true),
        new(ExecuteWebhook, Major: [1, 2], Exempt: true),
        new(EditWebhookMessage, Major: [1, 2], Exempt: true),
        new(CreateMessage, Major: [1], Exempt: false),
        new(StartThreadFromMessage, Major: [1], Exempt: false),
        new(AddOwnReaction, Major: [1], Exempt: false),
        new(CreateDm, Major: [], Exempt: false),
        new(AddMemberRole, Major: [1], Exempt: false),
        new(RemoveMemberRole, Major: [1], Exempt: false),
    ];
}

/// <param name="Major">Indexes of the path segments that are the route's major parameters (the bucket's top-level resource).</param>
/// <param name="Exempt">Token-in-path routes: no bot Authorization needed, not counted against the global limit.</param>
internal sealed record RouteTemplate(string Name, int[] Major, bool Exempt)
{
    public string Method { get; } = Name[..Name.IndexOf(' ', StringComparison.Ordinal)];

    public string[] Segments { get; } = Name[(Name.IndexOf(' ', StringComparison.Ordinal) + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The concrete segments when <paramref name="segments"/> fits the template, else null.</summary>
    public bool Fits(string[] segments)
    {
        if (segments.Length != Segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var template = Segments[i];
            var isParameter = template.StartsWith('{');
            if (isParameter ? segments[i].Length == 0 : !string.Equals(template, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
