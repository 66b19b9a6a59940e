using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;

namespace StudyBot.Worker.Hosting;

/// <summary>
/// Every setting StudyBot reads, checked as text before anything binds or uses it, so a bad value stops start-up with
/// one line naming the key, the value and what is allowed. The binder would instead throw on first use, deep inside
/// start-up, and a range check on the bound object cannot show what was typed. One table, so no key is forgotten:
/// tests hold it against the README's tables and the options classes.
/// </summary>
internal static partial class ConfigurationCheck
{
    public const int MaxMemberNameLength = 32;
    public const int MaxChannelNameLength = 100;

    private static readonly string[] LogLevels = [.. Enum.GetNames<LogLevel>()];

    /// <summary>
    /// One setting: what it must be (completing "is not …") and how to write it (completing "Use …"); <c>Explain</c>,
    /// where given, may say better why a value is refused (the zones of a tz database folder).
    /// </summary>
    private sealed record Setting(string Key, string Expected, string Use, Func<string, bool> Accepts, bool Secret = false, Func<string, string?>? Explain = null);

    private static readonly Setting[] Settings =
    [
        new("Storage:Path", "a file path", "a path to the data file, e.g. data/studybot.db (the default)", IsFilePath),
        new("Content:Path", "a folder that exists", "the folder with the guide's .json files, or leave it empty for the shipped config/content", IsContentFolder),
        new("Schedule:CatchUpWindow", "a duration from 00:00:00 to 23:59:59", "hh:mm:ss, e.g. 06:00:00 (the default)", IsCatchUpWindow),
        new("Streaks:MinAnswerLength", "a whole number from 1 to 1000", "e.g. 20 (the default)", v => IsWholeNumber(v, 1, 1000)),
        new("Streaks:MaxAnswerLength", "a whole number from 1 to 4000", "e.g. 4000 (the default)", v => IsWholeNumber(v, 1, 4000)),
        new("Console:DailyTime", "a time of day", "HH:mm on the 24-hour clock, e.g. 09:00 (the default)", v => DailyTime.TryParse(v, out _)),
        new("Console:TimeZone", "an IANA time zone", "a name like Europe/Berlin or UTC (the default)", v => TimeZones.TryFind(v, out _), Explain: ExplainZoneFolder),
        new("Console:MemberName", $"a one-line name of 1 to {MaxMemberNameLength} characters", "e.g. you (the default)", v => IsName(v, MaxMemberNameLength, allowSpaces: true)),
        new("Console:Channel", $"a channel name of 1 to {MaxChannelNameLength} characters without spaces", "e.g. daily (the default)", v => IsName(v, MaxChannelNameLength, allowSpaces: false)),
        new("Discord:Token", "a bot token", "the token from the Developer Portal's Bot page, alone (no spaces, quotes or line breaks), or leave it empty for the console chat", IsToken, Secret: true),
        new("Discord:ApiBaseUrl", "an absolute http(s) URL", "e.g. https://discord.com/api/v10 (the default)", IsHttpUrl),
        new("Discord:DevGuildId", "a server id", "the server's id (a whole number: Copy Server ID in Discord's developer mode), or leave it empty to register commands globally", v => v.Length == 0 || IsSnowflake(v)),
        new("Discord:WelcomeEnabled", "true or false", "true or false (false is the default)", IsBoolean),
        new("Discord:WelcomeChannelId", "a channel id", "the channel's id (a whole number: Copy Channel ID in Discord's developer mode)", v => v.Length == 0 || IsSnowflake(v)),
        new("Discord:CountThreadReplies", "true or false", "true or false (false is the default)", IsBoolean),
        new("Discord:GlobalRequestsPerSecond", "a whole number from 1 to 10000", "e.g. 50 (the default, Discord's limit)", v => IsWholeNumber(v, 1, 10_000)),
        new("Discord:MaxConcurrentEvents", "a whole number from 1 to 1000", "e.g. 64 (the default)", v => IsWholeNumber(v, 1, 1000)),
        new("Discord:ShutdownDrainTimeout", "a duration more than 00:00:00 and at most 00:01:00", "hh:mm:ss, e.g. 00:00:10 (the default)", IsDrainTimeout),
        new("Slack:BotToken", "a bot token", "the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page, or leave both Slack tokens empty", v => IsSlackToken(v, "xoxb-"), Secret: true),
        new("Slack:AppToken", "an app-level token", "the app-level token (xapp-…) with connections:write from the app's Basic Information page, or leave both Slack tokens empty", v => IsSlackToken(v, "xapp-"), Secret: true),
        new("Slack:ApiBaseUrl", "an absolute http(s) URL", "e.g. https://slack.com/api/ (the default)", IsHttpUrl),
        new("Slack:Command", "a slash command", "'/' then lowercase letters, digits, '-' or '_', at most 32 characters, e.g. /study (the default)", v => SlackCommand().IsMatch(v)),
        new("Slack:AdminUserIds", "a list of Slack user ids", "ids such as U012AB3CD, separated by commas, or leave it empty for the workspace's admins and owners only", IsSlackUserList),
        new("Slack:CountThreadReplies", "true or false", "true or false (false is the default)", IsBoolean),
    ];

    /// <summary>The keys checked one by one; log levels are checked under any category (<c>Logging:LogLevel:*</c>).</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Settings.Select(s => s.Key), "Logging:LogLevel:*"];

    /// <summary>Each problem as one line, e.g. "Schedule:CatchUpWindow 'banana' is not a duration …. Use hh:mm:ss, …".</summary>
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        foreach (var setting in Settings)
        {
            if (configuration[setting.Key] is { } value && !setting.Accepts(value))
            {
                var shown = setting.Secret ? "(not shown)" : $"'{Shown(value)}'";
                problems.Add(setting.Explain?.Invoke(value) is { } explained
                    ? $"{setting.Key} {explained}"
                    : $"{setting.Key} {shown} is not {setting.Expected}. Use {setting.Use}.");
            }
        }

        problems.AddRange(LogLevelProblems(configuration));
        problems.AddRange(RelationProblems(configuration, problems));
        return problems;
    }

    /// <summary>Levels under Logging:LogLevel and under a provider (Logging:Console:LogLevel), for any category.</summary>
    private static IEnumerable<string> LogLevelProblems(IConfiguration configuration)
    {
        foreach (var (key, value) in configuration.GetSection("Logging").AsEnumerable())
        {
            var parts = key.Split(':');
            var isLevel = (parts.Length == 3 && IsLogLevelSection(parts[1])) || (parts.Length == 4 && IsLogLevelSection(parts[2]));
            if (isLevel && !string.IsNullOrEmpty(value) && !LogLevels.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{key} '{Shown(value)}' is not a log level. Use one of {string.Join(", ", LogLevels)}.";
            }
        }

        static bool IsLogLevelSection(string name) => string.Equals(name, "LogLevel", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Rules between two keys, checked only when each key alone is fine.</summary>
    private static IEnumerable<string> RelationProblems(IConfiguration configuration, List<string> problems)
    {
        bool IsFine(string key) => !problems.Exists(p => p.StartsWith(key + " ", StringComparison.Ordinal));

        var min = configuration["Streaks:MinAnswerLength"] ?? new StreakOptions().MinAnswerLength.ToString(CultureInfo.InvariantCulture);
        var max = configuration["Streaks:MaxAnswerLength"];
        if (max is not null && IsFine("Streaks:MaxAnswerLength") && IsFine("Streaks:MinAnswerLength") && ParseWholeNumber(max) < ParseWholeNumber(min))
        {
            yield return $"Streaks:MaxAnswerLength '{Shown(max)}' is less than Streaks:MinAnswerLength '{Shown(min)}'. Use a longest answer at least as long as the shortest.";
        }

        var welcome = configuration["Discord:WelcomeEnabled"];
        if (welcome is not null && IsFine("Discord:WelcomeEnabled") && bool.Parse(welcome) && string.IsNullOrEmpty(configuration["Discord:WelcomeChannelId"]))
        {
            yield return "Discord:WelcomeChannelId is empty, but Discord:WelcomeEnabled is true. Use the id of the channel for the welcome, or set Discord:WelcomeEnabled to false.";
        }
    }

    /// <summary>
    /// A value the binder could not convert after all (a key this table lacks, set by a newer or custom section), as
    /// one line naming the key and the value; null for any other failure.
    /// </summary>
    public static string? FromBinderFailure(Exception error)
    {
        if (error is not InvalidOperationException || BinderFailure().Match(error.Message) is not { Success: true } match)
        {
            return null;
        }

        var expected = match.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.UInt64" or "System.Nullable`1[System.UInt64]" => "an id (a whole number)",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration (hh:mm:ss)",
            var type => $"a {type[(type.LastIndexOf('.') + 1)..]}",
        };
        return $"{match.Groups["key"].Value} '{Shown(match.Groups["value"].Value)}' is not {expected}.";
    }

    /// <summary>appsettings.json (or another settings file) that is not valid JSON, as one line naming the file and the place.</summary>
    public static string? FromSettingsFileFailure(Exception error)
    {
        if (error is not InvalidDataException || SettingsFileFailure().Match(error.Message) is not { Success: true } match)
        {
            return null;
        }

        var file = match.Groups["path"].Value;
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line, BytePositionInLine: { } position })
            {
                return $"The settings file {file} is not valid JSON (line {line + 1}, position {position + 1}). Fix it, or put back the appsettings.json that came with StudyBot.";
            }
        }

        return $"The settings file {file} cannot be read ({error.InnerException?.Message ?? error.Message}). Fix it, or put back the appsettings.json that came with StudyBot.";
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'\.$", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();

    [GeneratedRegex(@"^Failed to load configuration from file '(?<path>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex SettingsFileFailure();

    private static bool IsFilePath(string value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.IndexOfAny(Path.GetInvalidPathChars()) < 0
        && !value.EndsWith('/')
        && !value.EndsWith(Path.DirectorySeparatorChar)
        && !Directory.Exists(value);

    private static bool IsContentFolder(string value) => string.IsNullOrWhiteSpace(value)
        || (value.IndexOfAny(Path.GetInvalidPathChars()) < 0 && Directory.Exists(value));

    // The same sentence as /timezone for a tz database folder (America/Argentina): it lists the zones in it.
    private static string? ExplainZoneFolder(string value) => TimeZoneCatalog.ZonesIn(value).Count > 0 ? TimeZoneCatalog.Explain(value) : null;

    private static bool IsDrainTimeout(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero && timeout <= TimeSpan.FromMinutes(1);

    private static bool IsCatchUpWindow(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var window) && window >= TimeSpan.Zero && window < TimeSpan.FromDays(1);

    private static bool IsWholeNumber(string value, int min, int max) => ParseWholeNumber(value) is { } number && number >= min && number <= max;

    private static int? ParseWholeNumber(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool IsBoolean(string value) => bool.TryParse(value, out _);

    /// <summary>Discord ids are snowflakes: positive 64-bit whole numbers.</summary>
    private static bool IsSnowflake(string value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;

    /// <summary>Empty means Slack is off; a token is its prefix, then letters, digits and '-' only.</summary>
    private static bool IsSlackToken(string value, string prefix) =>
        string.IsNullOrWhiteSpace(value)
        || (value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    private static bool IsSlackUserList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(id => SlackUserId().IsMatch(id));

    [GeneratedRegex(@"^/[a-z0-9_-]{1,31}$")]
    private static partial Regex SlackCommand();

    [GeneratedRegex(@"^[UW][A-Z0-9]{2,30}$")]
    private static partial Regex SlackUserId();

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    /// <summary>Empty (or blank) means no token: the console chat. A token is letters, digits and . _ - only.</summary>
    private static bool IsToken(string value) =>
        string.IsNullOrWhiteSpace(value) || value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsName(string value, int maxLength, bool allowSpaces) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= maxLength
        && !value.Any(char.IsControl)
        && (allowSpaces || !value.Any(char.IsWhiteSpace));

    /// <summary>A value as it can be shown on one line: control characters escaped, long values cut.</summary>
    private static string Shown(string value)
    {
        var oneLine = string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return oneLine.Length <= 60 ? oneLine : oneLine[..60] + "…";
    }
}
