using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Discord;
using StudyBot.Persistence;
using StudyBot.Worker.Hosting;

namespace StudyBot.Worker.Tests;

/// <summary>Replies and logs read the same on every machine: ISO dates and invariant formatting, whatever the culture.</summary>
public sealed partial class CultureTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    public async Task RunAsync_StartedUnderAnotherCulture_RepliesAndLogsUseIsoDates(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        using var host = new TestHost(Morning);
        var logs = new CapturedLogs();

        var (_, output, _) = await host.RunProgramAsync(logs, "/schedule post-now", "/answer text:\"Two towers for retrieval, then a ranker.\"");

        Assert.Contains("=== #daily (thread: Q#1 · 2026-11-24) ===", output, StringComparison.Ordinal);
        Assert.Contains("Counted for Tue 2026-11-24 (UTC). Streak 1.", output, StringComparison.Ordinal);
        Assert.Contains("Posted the daily question 1 for server console:local on 2026-11-24", logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("11/24/2026", logs.Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Logging formats values with the invariant culture, which writes a date as 11/24/2026; every date or instant
    /// in a log message therefore needs an explicit ISO format in its template, e.g. {LocalDate:yyyy-MM-dd}.
    /// </summary>
    [Fact]
    public void LogMessages_EveryDateParameter_HasAnIsoFormatInTheTemplate()
    {
        Type[] dateTypes = [typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset)];
        var assemblies = new[] { typeof(StudyBotHost), typeof(DailyQuestionService), typeof(LiteDbGate), typeof(DiscordOptions) }.Select(t => t.Assembly);
        var methods = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var unformatted =
            from m in methods
            from p in m.Method.GetParameters()
            where dateTypes.Contains(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)
            let placeholder = Placeholder().Matches(m.Attribute!.Message).FirstOrDefault(x => string.Equals(x.Groups["name"].Value, p.Name, StringComparison.OrdinalIgnoreCase))
            where placeholder is null || !placeholder.Groups["format"].Value.StartsWith("yyyy-MM-dd", StringComparison.Ordinal)
            select $"{m.Method.DeclaringType!.Name}.{m.Method.Name}({p.Name}): \"{m.Attribute!.Message}\"";

        Assert.True(methods.Count > 20, "the scan found the log messages");
        Assert.Empty(unformatted);
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)(:(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();
}
