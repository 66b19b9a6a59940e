using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Core.Reminders;
using StudyBot.Slack.Adapter;
using StudyBot.Slack.Api;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The Slack client pieces: validated <see cref="SlackOptions"/> (section "Slack"), the Web API client
    /// (<see cref="ISlackApi"/>, <see cref="SlackWebApi"/>) and the <see cref="SocketModeClient"/> with its real
    /// transport. The adapter registers the <see cref="ISocketModeHandler"/> and runs the client. Register a
    /// <see cref="SlackApiLimits"/> or <see cref="SocketModeTimings"/> first to change the defaults.
    /// </summary>
    public static IServiceCollection AddStudyBotSlackClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SlackApiLimits.Default);
        services.TryAddSingleton(SocketModeTimings.Default);

        // One client for the process: its rate limits are shared state. Each attempt has its own, shorter timeout.
        services.AddSingleton<ISlackApi>(sp => new SlackApiClient(
            new HttpClient(new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            })
            {
                Timeout = TimeSpan.FromSeconds(60),
            },
            sp.GetRequiredService<IOptions<SlackOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SlackApiClient>>(),
            sp.GetRequiredService<SlackApiLimits>()));
        services.AddSingleton<SlackWebApi>();

        services.AddSingleton<Func<ISocketModeTransport>>(sp =>
        {
            var timings = sp.GetRequiredService<SocketModeTimings>();
            return () => new WebSocketSocketModeTransport(timings.KeepAliveInterval, timings.KeepAliveTimeout);
        });
        services.AddSingleton<SocketModeClient>();
        return services;
    }

    /// <summary>
    /// The Slack adapter on top of the client: member profiles, the envelope handler, the daily post sender and the
    /// bot service that runs Socket Mode. Core must be registered too; the host wires them.
    /// </summary>
    public static IServiceCollection AddStudyBotSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStudyBotSlackClient(configuration);
        services.AddSingleton<SlackSession>();
        services.AddSingleton<SlackMemberProfiles>();
        services.AddSingleton<ISocketModeHandler, SlackEnvelopeHandler>();
        services.AddSingleton<IDailyPostSender, SlackDailyPostSender>();
        services.AddSingleton<IReminderSender, SlackReminderSender>();
        services.AddHostedService<SlackBotService>();
        return services;
    }
}
