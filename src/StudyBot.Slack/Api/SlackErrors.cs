namespace StudyBot.Slack.Api;

/// <summary>Slack error codes that mean the app cannot work as configured, decided in one place.</summary>
public static class SlackErrors
{
    // Sources: the Web API error table and the Socket Mode SDKs' unrecoverable start errors (slack-protocol.md §1.1, §4.2).
    private static readonly Dictionary<string, string> Fatal = new(StringComparer.Ordinal)
    {
        ["not_authed"] = "no token was sent",
        ["invalid_auth"] = "the token is not valid",
        ["account_inactive"] = "the token belongs to a deleted user or a deactivated workspace",
        ["token_revoked"] = "the token was revoked",
        ["token_expired"] = "the token expired",
        ["user_removed_from_team"] = "the token's user was removed from the workspace",
        ["team_disabled"] = "the workspace is disabled",
        ["forbidden_team"] = "the workspace may not use this app",
        ["missing_scope"] = "the token lacks a scope the call needs; add it and reinstall the app",
        ["not_allowed_token_type"] = "this kind of token cannot make the call (xoxb- and xapp- swapped?)",
        ["invalid_token_type"] = "this kind of token cannot make the call (xoxb- and xapp- swapped?)",
        ["no_permission"] = "the token has no permission for the call",
        ["ekm_access_denied"] = "the workspace's administrators suspended the app's access",
        ["missing_args"] = "apps.connections.open needs the app-level token in the Authorization header",
        ["insecure_request"] = "the call was not a secure POST",
    };

    /// <summary>True for an error after which retrying or reconnecting can never succeed.</summary>
    public static bool IsFatal(string? error) => error is not null && Fatal.ContainsKey(error);

    /// <summary>What a fatal code means, for the one log line the host prints before it stops.</summary>
    public static string Describe(string? error) =>
        error is not null && Fatal.TryGetValue(error, out var meaning) ? meaning : "Slack refused the call";
}
