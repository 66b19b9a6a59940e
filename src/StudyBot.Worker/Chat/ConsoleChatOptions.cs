using Microsoft.Extensions.Options;
using StudyBot.Core.Time;

namespace StudyBot.Worker.Chat;

/// <summary>The one local server the console chat runs, until /setup changes it.</summary>
public sealed class ConsoleChatOptions
{
    public const string Section = "Console";

    /// <summary>The console chat's server and member; version 3 data files' console ids become these (see the storage migration).</summary>
    public const string Platform = "console";
    public const string ServerId = Platform + ":local";
    public const string MemberId = "local";

    /// <summary>Local time of the daily question, HH:mm.</summary>
    public string DailyTime { get; set; } = "09:00";

    /// <summary>IANA time zone of the local server.</summary>
    public string TimeZone { get; set; } = "UTC";

    public string MemberName { get; set; } = "you";

    public string Channel { get; set; } = "daily";
}

public sealed class ConsoleChatOptionsValidator : IValidateOptions<ConsoleChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!DailyTime.TryParse(options.DailyTime, out _))
        {
            problems.Add($"Console:DailyTime '{options.DailyTime}' is not a time; use HH:mm, e.g. 09:00.");
        }

        if (!TimeZones.TryFind(options.TimeZone, out _))
        {
            // The same lookup and explanation as /timezone: a tz database folder (America/Argentina) lists its zones.
            problems.Add($"Console:TimeZone {TimeZoneCatalog.Explain(options.TimeZone)}");
        }

        if (string.IsNullOrWhiteSpace(options.MemberName))
        {
            problems.Add("Console:MemberName must not be empty.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
