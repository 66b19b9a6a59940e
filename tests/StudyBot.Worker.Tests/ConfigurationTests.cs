using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using StudyBot.Core.Daily;
using StudyBot.Core.Streaks;
using StudyBot.Discord;
using StudyBot.Persistence;
using StudyBot.Slack;
using StudyBot.Worker.Chat;
using StudyBot.Worker.Hosting;

namespace StudyBot.Worker.Tests;

/// <summary>Every setting with a wrong or out-of-range value stops start-up with exit code 2 and one line.</summary>
public sealed partial class ConfigurationTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-config-");

    /// <summary>
    /// Key, a bad value, and what the line must say is allowed. Each key of the README's tables has a wrong type (where it
    /// has a type) and a value out of range; the README test below fails for a key missing here.
    /// </summary>
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Storage:Path", "", "is not a file path" },
        { "Storage:Path", ".", "is not a file path" },
        { "Content:Path", "no-such-content-folder", "is not a folder that exists" },
        { "Schedule:CatchUpWindow", "banana", "is not a duration from 00:00:00 to 23:59:59. Use hh:mm:ss" },
        { "Schedule:CatchUpWindow", "1.00:00:00", "is not a duration from 00:00:00 to 23:59:59" },
        { "Schedule:CatchUpWindow", "-01:00:00", "is not a duration from 00:00:00 to 23:59:59" },
        { "Streaks:MinAnswerLength", "abc", "is not a whole number from 1 to 1000" },
        { "Streaks:MinAnswerLength", "0", "is not a whole number from 1 to 1000" },
        { "Streaks:MinAnswerLength", "1001", "is not a whole number from 1 to 1000" },
        { "Streaks:MaxAnswerLength", "abc", "is not a whole number from 1 to 4000" },
        { "Streaks:MaxAnswerLength", "4001", "is not a whole number from 1 to 4000" },
        { "Streaks:MaxAnswerLength", "10", "is less than Streaks:MinAnswerLength '20'" },
        { "Console:DailyTime", "banana", "is not a time of day. Use HH:mm" },
        { "Console:DailyTime", "25:99", "is not a time of day" },
        { "Console:TimeZone", "Mars/Base", "is not an IANA time zone" },
        { "Console:TimeZone", "+02:00", "is not an IANA time zone" },
        { "Console:TimeZone", "America/North_Dakota", "is a group of 3 time zones, not one zone. Give one of them: America/North_Dakota/Beulah," },
        { "Console:MemberName", "", "is not a one-line name of 1 to 32 characters" },
        { "Console:MemberName", new string('a', 33), "is not a one-line name of 1 to 32 characters" },
        { "Console:Channel", "", "is not a channel name of 1 to 100 characters without spaces" },
        { "Console:Channel", "two words", "is not a channel name of 1 to 100 characters without spaces" },
        { "Discord:Token", "abc def", "is not a bot token" },
        { "Discord:ApiBaseUrl", "not a url", "is not an absolute http(s) URL" },
        { "Discord:ApiBaseUrl", "ftp://example.com/api", "is not an absolute http(s) URL" },
        { "Discord:DevGuildId", "abc", "is not a server id" },
        { "Discord:DevGuildId", "-5", "is not a server id" },
        { "Discord:WelcomeEnabled", "maybe", "is not true or false" },
        { "Discord:WelcomeChannelId", "abc", "is not a channel id" },
        { "Discord:WelcomeChannelId", "0", "is not a channel id" },
        { "Discord:CountThreadReplies", "yes", "is not true or false" },
        { "Discord:GlobalRequestsPerSecond", "fast", "is not a whole number from 1 to 10000" },
        { "Discord:GlobalRequestsPerSecond", "0", "is not a whole number from 1 to 10000" },
        { "Discord:GlobalRequestsPerSecond", "10001", "is not a whole number from 1 to 10000" },
        { "Discord:MaxConcurrentEvents", "many", "is not a whole number from 1 to 1000" },
        { "Discord:MaxConcurrentEvents", "0", "is not a whole number from 1 to 1000" },
        { "Discord:MaxConcurrentEvents", "1001", "is not a whole number from 1 to 1000" },
        { "Discord:ShutdownDrainTimeout", "soon", "is not a duration more than 00:00:00 and at most 00:01:00" },
        { "Discord:ShutdownDrainTimeout", "00:00:00", "is not a duration more than 00:00:00 and at most 00:01:00" },
        { "Discord:ShutdownDrainTimeout", "00:01:01", "is not a duration more than 00:00:00 and at most 00:01:00" },
        { "Slack:BotToken", "xapp-1-A0-1-abc", "is not a bot token" },
        { "Slack:BotToken", "xoxb-with space", "is not a bot token" },
        { "Slack:AppToken", "xoxb-1-2-abc", "is not an app-level token" },
        { "Slack:ApiBaseUrl", "slack.com/api", "is not an absolute http(s) URL" },
        { "Slack:Command", "study", "is not a slash command" },
        { "Slack:Command", "/Study", "is not a slash command" },
        { "Slack:Command", "/" + new string('a', 32), "is not a slash command" },
        { "Slack:AdminUserIds", "U012AB3CD, ada", "is not a list of Slack user ids" },
        { "Slack:CountThreadReplies", "sometimes", "is not true or false" },
        { "Logging:LogLevel:Default", "Loud", "is not a log level. Use one of Trace, Debug, Information, Warning, Error, Critical, None" },
        { "Logging:LogLevel:StudyBot", "Verbose", "is not a log level" },
        { "Logging:Console:LogLevel:Default", "3x", "is not a log level" },
    };

    public static TheoryData<string, string> GoodValues => new()
    {
        { "Storage:Path", "data/other.db" },
        { "Content:Path", "" },
        { "Schedule:CatchUpWindow", "00:00:00" },
        { "Schedule:CatchUpWindow", "23:59:59" },
        { "Streaks:MinAnswerLength", "1" },
        { "Streaks:MaxAnswerLength", "20" },
        { "Console:DailyTime", "7:05" },
        { "Console:TimeZone", "Asia/Kolkata" },
        { "Console:MemberName", "Ada Lovelace" },
        { "Discord:Token", "" },
        { "Discord:Token", "test-token.made_of.allowed-characters" },
        { "Discord:ApiBaseUrl", "http://127.0.0.1:5000/api/v10" },
        { "Discord:DevGuildId", "" },
        { "Discord:DevGuildId", "1234567890123456789" },
        { "Discord:WelcomeEnabled", "False" },
        { "Discord:CountThreadReplies", "true" },
        { "Discord:MaxConcurrentEvents", "1000" },
        { "Discord:ShutdownDrainTimeout", "00:00:00.500" },
        { "Discord:ShutdownDrainTimeout", "00:01:00" },
        { "Logging:LogLevel:Default", "warning" },
        { "Logging:LogLevel:StudyBot", "" },
    };

    public void Dispose() => folder.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task RunAsync_BadValue_StopsWithOneLineNamingTheKeyTheValueAndWhatIsAllowed(string key, string value, string expected)
    {
        var (exitCode, lines) = await RunAsync($"--{key}={value}");

        Assert.Equal(StudyBotHost.StartupFailedExitCode, exitCode);
        var line = Assert.Single(lines);
        var shown = key is "Discord:Token" or "Slack:BotToken" or "Slack:AppToken" ? "(not shown)" : $"'{value}'";
        Assert.StartsWith($"StudyBot could not start: {key} {shown} ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith(".", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadToken_NeverShowsTheToken()
    {
        var (exitCode, lines) = await RunAsync("--Discord:Token=secret-part \"other\"");

        Assert.Equal(StudyBotHost.StartupFailedExitCode, exitCode);
        Assert.DoesNotContain("secret-part", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WelcomeWithoutItsChannel_SaysWhichKeyIsMissing()
    {
        var (exitCode, lines) = await RunAsync("--Discord:WelcomeEnabled=true");

        Assert.Equal(StudyBotHost.StartupFailedExitCode, exitCode);
        Assert.Equal(
            "StudyBot could not start: Discord:WelcomeChannelId is empty, but Discord:WelcomeEnabled is true. Use the id of the channel for the welcome, or set Discord:WelcomeEnabled to false.",
            Assert.Single(lines));
    }

    [Fact]
    public async Task RunAsync_SeveralBadValues_OneLineForEach()
    {
        var (exitCode, lines) = await RunAsync("--Streaks:MinAnswerLength=abc", "--Schedule:CatchUpWindow=banana", "--Console:TimeZone=Mars/Base");

        Assert.Equal(StudyBotHost.StartupFailedExitCode, exitCode);
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.StartsWith("StudyBot could not start: ", l, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void FindProblems_GoodValue_IsAccepted(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.Empty(ConfigurationCheck.FindProblems(configuration));
    }

    [Fact]
    public void FindProblems_ShippedSettings_AreAccepted()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(WorkerProcess.WorkerProjectFolder, "appsettings.json")).Build();

        Assert.Empty(ConfigurationCheck.FindProblems(shipped));
    }

    /// <summary>Each key in the README's settings tables is checked, and has a bad value in <see cref="BadValues"/>.</summary>
    [Fact]
    public void ReadmeTables_EveryKey_IsCheckedAndTested()
    {
        var readme = File.ReadAllText(Path.Combine(WorkerProcess.WorkerProjectFolder, "..", "..", "README.md"));
        var documented = ReadmeKey().Matches(readme).Select(m => m.Groups["key"].Value).Where(k => !k.EndsWith(":*", StringComparison.Ordinal)).ToList();
        var tested = BadValues.Select(row => (string)row[0]).ToHashSet();

        Assert.True(documented.Count >= 17, $"the README's tables were found: {string.Join(", ", documented)}");
        Assert.All(documented, key =>
        {
            Assert.True(IsChecked(key), $"{key} is in the README but not in ConfigurationCheck");
            Assert.True(tested.Contains(key), $"{key} is in the README but has no bad value in {nameof(BadValues)}");
        });
    }

    /// <summary>Each settable property of an options class bound from configuration is a checked key.</summary>
    [Fact]
    public void OptionsClasses_EveryProperty_IsChecked()
    {
        (string Section, Type Type)[] options =
        [
            (StorageOptions.Section, typeof(StorageOptions)),
            (ContentOptions.Section, typeof(ContentOptions)),
            (DailyQuestionOptions.Section, typeof(DailyQuestionOptions)),
            (StreakOptions.Section, typeof(StreakOptions)),
            (ConsoleChatOptions.Section, typeof(ConsoleChatOptions)),
            (DiscordOptions.Section, typeof(DiscordOptions)),
            (SlackOptions.Section, typeof(SlackOptions)),
        ];

        var keys = options
            .SelectMany(o => o.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => $"{o.Section}:{p.Name}"))
            .ToList();

        Assert.True(keys.Count >= 16, string.Join(", ", keys));
        Assert.All(keys, key => Assert.True(IsChecked(key), $"{key} is bound from configuration but not in ConfigurationCheck"));
    }

    [Fact]
    public void FromBinderFailure_AValueTheBinderCannotConvert_NamesTheKeyAndTheValue()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Console:FormatterOptions:UseUtcTimestamp"] = "maybe" })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("Console:FormatterOptions").Get<ConsoleFormatterOptions>());

        Assert.Equal("Console:FormatterOptions:UseUtcTimestamp 'maybe' is not true or false.", ConfigurationCheck.FromBinderFailure(error));
    }

    [Fact]
    public void FromSettingsFileFailure_BrokenJson_NamesTheFileAndTheLine()
    {
        var file = Path.Combine(folder.FullName, "appsettings.json");
        File.WriteAllText(file, "{\n  \"Storage\": { \"Path\": \"x.db\" \n");
        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddJsonFile(file).Build());

        Assert.Equal(
            $"The settings file {file} is not valid JSON (line 3, position 1). Fix it, or put back the appsettings.json that came with StudyBot.",
            ConfigurationCheck.FromSettingsFileFailure(error));
    }

    private static bool IsChecked(string key) =>
        ConfigurationCheck.Keys.Contains(key)
        || (key.StartsWith("Logging:LogLevel:", StringComparison.Ordinal) && ConfigurationCheck.Keys.Contains("Logging:LogLevel:*"));

    /// <summary>Runs the program's entry with these settings; returns its exit code and the lines it wrote to standard error.</summary>
    private async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunAsync(params string[] settings)
    {
        using var errors = new StringWriter();
        var exitCode = await StudyBotHost.RunAsync(
            [$"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}", .. settings],
            builder => builder.Logging.ClearProviders(),
            errors).WaitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z]+(?::[A-Za-z*]+)+)` \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeKey();
}
