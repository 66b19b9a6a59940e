using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Quartz;
using StudyBot.Core;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Reminders;
using StudyBot.Core.Streaks;
using StudyBot.Discord.Hosting;
using StudyBot.Persistence;
using StudyBot.Slack.Hosting;
using StudyBot.Worker.Chat;
using StudyBot.Worker.Scheduling;

namespace StudyBot.Worker.Hosting;

/// <summary>Builds and runs the Generic Host: configuration, content, storage, Quartz and the chat adapter.</summary>
public static class StudyBotHost
{
    public const int StartupFailedExitCode = 2;

    /// <summary>Builds the host; <paramref name="customize"/> lets tests swap the clock or the console.</summary>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? customize = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,

            // appsettings.json ships next to the binary; `dotnet run` from the repo root must still find it.
            ContentRootPath = AppContext.BaseDirectory,

            // Settings are read once at start: watching appsettings.json for changes would only cost a watcher thread.
            Configuration = new ConfigurationManager { ["hostBuilder:reloadConfigOnChange"] = "false" },
        });

        // Before anything reads a setting: every bad value is reported at once, one line each.
        var problems = ConfigurationCheck.FindProblems(builder.Configuration);
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(problems);
        }

        // Standard output is the chat; every log line goes to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // The host logs a failed start (and a failed background service) as an error with the stack trace. RunAsync reports
        // a known start-up problem in one line, and an unknown one ends as an unhandled exception with its trace; a
        // background service that fails later is still logged, at Critical, when it stops the host.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        builder.Services.TryAddSingleton(TimeProvider.System);

        var contentOptions = builder.Configuration.GetSection(ContentOptions.Section).Get<ContentOptions>() ?? new ContentOptions();
        builder.Services.Configure<ContentOptions>(builder.Configuration.GetSection(ContentOptions.Section));
        builder.Services.AddStudyBotCore(ContentLoader.Load(contentOptions.ResolvedPath));

        // Their values were checked above (ConfigurationCheck), the one place that knows what each key allows.
        builder.Services.AddOptions<DailyQuestionOptions>().Bind(builder.Configuration.GetSection(DailyQuestionOptions.Section));
        builder.Services.AddOptions<StreakOptions>().Bind(builder.Configuration.GetSection(StreakOptions.Section));
        builder.Services.AddStudyBotPersistence(builder.Configuration);

        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<IDailyScheduleRegistry, DailyScheduleRegistry>();

        AddChatAdapter(builder);

        // After the scheduler has started: triggers for stored servers, then the catch-up.
        builder.Services.AddHostedService<DailyScheduleStartup>();
        builder.Services.AddHostedService<ReminderLoop>();
        customize?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// Runs until input ends, Ctrl+C or a fatal error; start-up problems print one line to <paramref name="errors"/>
    /// (standard error by default) and exit non-zero.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<HostApplicationBuilder>? customize = null, TextWriter? errors = null)
    {
        UseInvariantCulture();
        errors ??= Console.Error;
        IHost? host = null;
        try
        {
            host = Build(args, customize);

            // Check the configuration, then open storage, before anything starts: a problem stops start-up with
            // one line, not the host's own failure log with a stack trace.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            host.Services.GetRequiredService<LiteDbGate>();
            await host.StartAsync();
        }
        catch (OperationCanceledException) when (host is not null)
        {
            // Ctrl+C while starting: stop what did start, close the data file, and end as a normal stop; unless a
            // platform refused the bot while it started (a revoked token), which has set its exit code.
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            return Environment.ExitCode;
        }
        catch (Exception ex) when (StartupProblems(ex) is { } problems)
        {
            // Not StopAsync: after a failed start Quartz's hosted service waits for ApplicationStarted, which never comes,
            // until the shutdown timeout (30 s). Disposing cancels the background services and then closes the data file.
            host?.Dispose();
            foreach (var problem in problems)
            {
                await errors.WriteLineAsync($"StudyBot could not start: {problem}");
            }

            return StartupFailedExitCode;
        }

        using (host)
        {
            await host.WaitForShutdownAsync();
            return Environment.ExitCode;
        }
    }

    /// <summary>
    /// Replies and logs read the same on every machine: ISO dates, '.' decimals, the Gregorian calendar. Without this, a
    /// machine set to ar-SA dated the daily thread in the Hijri calendar. Set for this thread, and for every thread
    /// that has not chosen its own, before anything runs.
    /// </summary>
    public static void UseInvariantCulture()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }

    // With a token the bot connects to Discord; without one it is the local console chat.
    private static void AddChatAdapter(HostApplicationBuilder builder)
    {
        var discord = !string.IsNullOrWhiteSpace(builder.Configuration["Discord:Token"]);
        var slack = !string.IsNullOrWhiteSpace(builder.Configuration["Slack:BotToken"]) || !string.IsNullOrWhiteSpace(builder.Configuration["Slack:AppToken"]);
        if (discord)
        {
            builder.Services.AddStudyBotDiscord(builder.Configuration);
        }

        // Either Slack token turns Slack on; its validation then names the one that is missing.
        if (slack)
        {
            builder.Services.AddStudyBotSlack(builder.Configuration);
        }

        if (discord || slack)
        {
            return;
        }

        builder.Services.AddOptionsWithValidateOnStart<ConsoleChatOptions>().Bind(builder.Configuration.GetSection(ConsoleChatOptions.Section));
        builder.Services.AddSingleton<IValidateOptions<ConsoleChatOptions>, ConsoleChatOptionsValidator>();
        builder.Services.TryAddSingleton<IChatConsole, SystemChatConsole>();
        builder.Services.AddSingleton<IDailyPostSender, ConsoleDailyPostSender>();
        builder.Services.AddSingleton<IReminderSender, ConsoleReminderSender>();
        builder.Services.AddHostedService<ConsoleChatService>();
    }

    // Known ways a start can fail; each already carries a message meant for the person starting the bot. Anything
    // else is a defect and ends as an unhandled exception, with its stack trace.
    private static IReadOnlyList<string>? StartupProblems(Exception ex) => ex switch
    {
        InvalidConfigurationException configuration => configuration.Problems,
        ContentException content => [content.Message],
        StorageUnavailableException storage => [storage.Message],
        OptionsValidationException options => [.. options.Failures],
        InvalidOperationException when ConfigurationCheck.FromBinderFailure(ex) is { } binder => [binder],
        InvalidDataException when ConfigurationCheck.FromSettingsFileFailure(ex) is { } file => [file],
        AggregateException aggregate when aggregate.InnerExceptions.Select(StartupProblems).ToList() is var all && all.TrueForAll(p => p is not null) =>
            [.. all.SelectMany(p => p!).Distinct()],
        _ => null,
    };
}
