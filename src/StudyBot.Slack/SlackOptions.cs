using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StudyBot.Slack;

/// <summary>The "Slack" configuration section. Both tokens come only from the environment or user secrets.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";
    public const string DefaultApiBaseUrl = "https://slack.com/api/";
    public const string DefaultCommand = "/study";

    /// <summary>Slack's limit for a slash command name, the slash included (app manifest schema).</summary>
    public const int MaxCommandLength = 32;

    /// <summary>The Bot User OAuth Token (xoxb-…) for the Web API. Never logged.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The app-level token (xapp-…) with connections:write, only for apps.connections.open. Never logged.</summary>
    public string AppToken { get; set; } = "";

    /// <summary>Web API base URL; tests and Slack-compatible servers stand in here.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The one slash command the app registers in its manifest; subcommands follow it.</summary>
    public string Command { get; set; } = DefaultCommand;

    /// <summary>Comma-separated user ids (U… or W…) that may use admin commands besides workspace admins and owners.</summary>
    public string AdminUserIds { get; set; } = "";

    /// <summary>Count replies in the daily question's thread as answers (needs the message.channels/message.groups events).</summary>
    public bool CountThreadReplies { get; set; }

    /// <summary><see cref="AdminUserIds"/> split, trimmed, without empty entries.</summary>
    public IReadOnlyList<string> AdminUserIdList =>
        AdminUserIds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Checks every Slack setting at start-up; each problem names the key, what it holds and what is allowed.</summary>
public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckToken(problems, "BotToken", options.BotToken, "xoxb-", "the Bot User OAuth Token from OAuth & Permissions");
        CheckToken(problems, "AppToken", options.AppToken, "xapp-", "an app-level token with connections:write from Basic Information");

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            problems.Add($"Slack:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL; use e.g. {SlackOptions.DefaultApiBaseUrl}");
        }

        if (!CommandPattern().IsMatch(options.Command ?? ""))
        {
            problems.Add($"Slack:Command '{options.Command}' is not a slash command; use '/' then lowercase letters, digits, '-' or '_', at most {SlackOptions.MaxCommandLength} characters in all, e.g. {SlackOptions.DefaultCommand}");
        }

        foreach (var id in options.AdminUserIdList)
        {
            if (!UserIdPattern().IsMatch(id))
            {
                problems.Add($"Slack:AdminUserIds entry '{id}' is not a Slack user id; use ids like U012AB3CD or W012AB3CD, separated by commas");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckToken(List<string> problems, string key, string? value, string prefix, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"Slack:{key} is required: {what} (starts with {prefix}).");
        }
        else if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            // The value is a secret: only its first few characters are shown, enough to recognise a mix-up.
            var shown = value.Length <= 5 ? value : value[..5] + "…";
            problems.Add($"Slack:{key} must start with {prefix} ({what}); it starts with '{shown}'.");
        }
    }

    [GeneratedRegex("^/[a-z0-9_\\-]{1,31}$")]
    private static partial Regex CommandPattern();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserIdPattern();
}
