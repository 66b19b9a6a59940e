using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Discord.Events;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Posting;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>The Discord adapter: REST and gateway clients, event handlers, the daily post sender and the bot service.</summary>
    public static IServiceCollection AddStudyBotDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Token), "Discord:Token is required to connect to Discord.")
            .Validate(
                o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "Discord:ApiBaseUrl must be an absolute http(s) URL, e.g. https://discord.com/api/v10.")
            .Validate(o => !o.WelcomeEnabled || o.WelcomeChannelId is not null, "Discord:WelcomeChannelId is required when Discord:WelcomeEnabled is on.")
            .Validate(o => o.GlobalRequestsPerSecond is >= 1 and <= 10_000, "Discord:GlobalRequestsPerSecond must be from 1 to 10000.");

        // One client for the process: its rate-limit buckets are shared state. Pooled connections are recycled.
        services.AddSingleton<IDiscordRest>(sp => new DiscordRestClient(
            new HttpClient(new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            })
            {
                Timeout = TimeSpan.FromSeconds(30),
            },
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<DiscordSession>();
        services.AddSingleton<RecentInteractions>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<IDailyPostSender, DiscordDailyPostSender>();

        services.AddScoped<IDiscordDispatchHandler, ReadyHandler>();
        services.AddScoped<IDiscordDispatchHandler, InteractionCreateHandler>();
        services.AddScoped<IDiscordDispatchHandler, ThreadReplyHandler>();
        services.AddScoped<IDiscordDispatchHandler, WelcomeHandler>();
        services.AddSingleton<IGatewayDispatchHandler, DiscordEventRouter>();

        services.AddSingleton<Func<IGatewayTransport>>(() => new WebSocketGatewayTransport());
        services.AddSingleton<DiscordGatewayClient>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
