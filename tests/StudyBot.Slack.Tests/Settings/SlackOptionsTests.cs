using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Slack.Api;
using StudyBot.Slack.Hosting;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Tests.Settings;

public class SlackOptionsTests
{
    private const string Bot = "xoxb-1111-2222-abcdefSECRET";
    private const string App = "xapp-1-A1-3333-ghijklSECRET";

    [Fact]
    public void Validate_TokensAndDefaults_Valid()
    {
        var result = Validate(new SlackOptions { BotToken = Bot, AppToken = App });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Defaults_ApiStudyCommandNoAdminsNoThreadReplies()
    {
        var options = new SlackOptions();

        Assert.Equal("https://slack.com/api/", options.ApiBaseUrl);
        Assert.Equal("/study", options.Command);
        Assert.Empty(options.AdminUserIdList);
        Assert.False(options.CountThreadReplies);
    }

    [Fact]
    public void Validate_TokensMissing_NamesBothKeysAndTheirPrefixes()
    {
        var result = Validate(new SlackOptions());

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.Contains("Slack:BotToken", StringComparison.Ordinal) && f.Contains("xoxb-", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Slack:AppToken", StringComparison.Ordinal) && f.Contains("xapp-", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TokensSwapped_SaysWhatEachStartsWithButNeverShowsThem()
    {
        var result = Validate(new SlackOptions { BotToken = App, AppToken = Bot });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.Contains("Slack:BotToken must start with xoxb-", StringComparison.Ordinal) && f.Contains("'xapp-…'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Slack:AppToken must start with xapp-", StringComparison.Ordinal) && f.Contains("'xoxb-…'", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://slack.test/api/")]
    [InlineData("/api/")]
    public void Validate_ApiBaseUrlNotAbsoluteHttp_NamesKeyAndValue(string url)
    {
        var result = Validate(new SlackOptions { BotToken = Bot, AppToken = App, ApiBaseUrl = url });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains($"Slack:ApiBaseUrl '{url}'", failure, StringComparison.Ordinal);
        Assert.Contains("https://slack.com/api/", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("study")]
    [InlineData("/Study")]
    [InlineData("/st udy")]
    [InlineData("/")]
    [InlineData("/abcdefghijklmnopqrstuvwxyz0123456")]
    public void Validate_CommandNotALowercaseSlashCommand_NamesKeyValueAndRule(string command)
    {
        var result = Validate(new SlackOptions { BotToken = Bot, AppToken = App, Command = command });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains($"Slack:Command '{command}'", failure, StringComparison.Ordinal);
        Assert.Contains("lowercase", failure, StringComparison.Ordinal);
        Assert.Contains("32", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/study-bot")]
    [InlineData("/q")]
    [InlineData("/abcdefghijklmnopqrstuvwxyz01234")]
    public void Validate_CommandWithinTheRules_Valid(string command) =>
        Assert.True(Validate(new SlackOptions { BotToken = Bot, AppToken = App, Command = command }).Succeeded);

    [Fact]
    public void Validate_AdminUserIds_EachBadEntryNamed()
    {
        var result = Validate(new SlackOptions { BotToken = Bot, AppToken = App, AdminUserIds = "U012AB3CD, u123, C0123, W012AB3CD" });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Slack:AdminUserIds entry 'u123'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Slack:AdminUserIds entry 'C0123'", StringComparison.Ordinal));
    }

    [Fact]
    public void AdminUserIdList_SplitsTrimsAndSkipsEmptyEntries()
    {
        var options = new SlackOptions { AdminUserIds = " U012AB3CD ,,W012AB3CD," };

        Assert.Equal(["U012AB3CD", "W012AB3CD"], options.AdminUserIdList);
    }

    [Fact]
    public void AddStudyBotSlackClient_ValidConfiguration_ResolvesEveryPiece()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = Bot,
            ["Slack:AppToken"] = App,
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9999/api/",
            ["Slack:Command"] = "/learn",
            ["Slack:AdminUserIds"] = "U012AB3CD",
            ["Slack:CountThreadReplies"] = "true",
        });

        var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.Equal("/learn", options.Command);
        Assert.True(options.CountThreadReplies);
        Assert.Equal(["U012AB3CD"], options.AdminUserIdList);
        Assert.IsType<SlackApiClient>(provider.GetRequiredService<ISlackApi>());
        Assert.Same(provider.GetRequiredService<ISlackApi>(), provider.GetRequiredService<SlackWebApi>().Api);
        Assert.NotNull(provider.GetRequiredService<SocketModeClient>());
        Assert.IsType<WebSocketSocketModeTransport>(provider.GetRequiredService<Func<ISocketModeTransport>>()());
    }

    [Fact]
    public void AddStudyBotSlackClient_BadConfiguration_FailsWithEveryProblem()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxp-user-token", ["Slack:Command"] = "Study" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("Slack:BotToken", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Slack:AppToken", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Slack:Command 'Study'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddStudyBotSlackClient_LimitsRegisteredFirst_AreKept()
    {
        var services = new ServiceCollection();
        var limits = new SlackApiLimits { Tier1PerMinute = 100 };
        services.AddSingleton(limits);

        services.AddStudyBotSlackClient(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.Same(limits, provider.GetRequiredService<SlackApiLimits>());
    }

    private static ValidateOptionsResult Validate(SlackOptions options) => new SlackOptionsValidator().Validate(null, options);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ISocketModeHandler, NoHandler>();
        services.AddStudyBotSlackClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private sealed class NoHandler : ISocketModeHandler
    {
        public Task HandleAsync(SocketModeDelivery delivery, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
