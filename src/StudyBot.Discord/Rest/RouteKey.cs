namespace StudyBot.Discord.Rest;

/// <summary>
/// What a request is rate limited by before Discord tells us its bucket hash: the method and the path with ids
/// replaced, plus the "major parameter" (channel, guild, webhook or interaction) that Discord keeps separate limits for.
/// </summary>
/// <param name="Template">Method and path with every id and token replaced, e.g. "POST channels/{id}/messages". Safe to log.</param>
/// <param name="Major">The major parameter, e.g. "channels/123". Not safe to log: for webhooks it holds the token.</param>
/// <param name="IsGlobalExempt">Interaction and webhook routes do not count against the bot's global limit.</param>
internal readonly record struct RouteKey(string Template, string Major, bool IsGlobalExempt)
{
    /// <summary>The bucket key until the X-RateLimit-Bucket hash is known.</summary>
    public string BucketKey => Template + "|" + Major;

    public static RouteKey From(HttpMethod method, string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Trim('/').Split('/');

        var top = segments[0];
        var hasToken = top is "webhooks" or "interactions";
        var majorLength = top switch
        {
            "channels" or "guilds" => 2,
            "webhooks" or "interactions" => 3,
            _ => 0,
        };
        majorLength = Math.Min(majorLength, segments.Length);
        var major = string.Join('/', segments[..majorLength]);

        var template = new string[segments.Length];
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            template[i] =
                hasToken && i == 2 ? "{token}"
                : i > 0 && segments[i - 1] == "reactions" ? "{emoji}"
                : segment.Length > 0 && segment.All(char.IsAsciiDigit) ? "{id}"
                : segment;
        }

        return new RouteKey($"{method.Method} {string.Join('/', template)}", major, hasToken);
    }
}
