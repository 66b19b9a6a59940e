using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Core.Milestones;
using StudyBot.Core.Reminders;
using StudyBot.Discord.Events;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Milestones;
using StudyBot.Discord.Posting;
using StudyBot.Discord.Reminders;
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
            .Validate(o => o.GlobalRequestsPerSecond is >= 1 and <= 10_000, "Discord:GlobalRequestsPerSecond must be from 1 to 10000.")
            .Validate(o => o.MaxConcurrentEvents is >= 1 and <= 1_000, "Discord:MaxConcurrentEvents must be from 1 to 1000.")
            .Validate(
                o => o.ShutdownDrainTimeout > TimeSpan.Zero && o.ShutdownDrainTimeout <= TimeSpan.FromMinutes(1),
                "Discord:ShutdownDrainTimeout must be more than 00:00:00 and at most 00:01:00.");

        // One client for the process: its rate-limit buckets are shared state. Pooled connections are recycled.
        services.AddSingleton<IDiscordRest>(sp => new DiscordRestClient(
            new HttpClient(new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // Discord's answers are a few hundred bytes of JSON: compressing them saves nothing worth the CPU.
                AutomaticDecompression = DecompressionMethods.None,
            })
            {
                Timeout = TimeSpan.FromSeconds(30),
            },
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<DiscordSession>();
        services.AddSingleton<GuildPermissions>();
        services.AddSingleton<RecentInteractions>();
        services.AddSingleton(sp => new AttachmentDownloader(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<IDailyPostSender, DiscordDailyPostSender>();
        services.AddSingleton<IReminderSender, DiscordReminderSender>();
        services.AddSingleton<IMemberRoleSync, DiscordMemberRoleSync>();

        services.AddKeyedScoped<IDiscordDispatchHandler, ReadyHandler>(DiscordEvents.Ready);
        services.AddKeyedScoped<IDiscordDispatchHandler, InteractionCreateHandler>(DiscordEvents.InteractionCreate);
        services.AddKeyedScoped<IDiscordDispatchHandler, ThreadReplyHandler>(DiscordEvents.MessageCreate);
        services.AddKeyedScoped<IDiscordDispatchHandler, WelcomeHandler>(DiscordEvents.GuildMemberAdd);
        foreach (var guildEvent in (string[])[
            DiscordEvents.GuildCreate, DiscordEvents.GuildUpdate, DiscordEvents.GuildDelete,
            DiscordEvents.GuildRoleCreate, DiscordEvents.GuildRoleUpdate, DiscordEvents.GuildRoleDelete])
        {
            services.AddKeyedScoped<IDiscordDispatchHandler, GuildStateHandler>(guildEvent);
        }

        services.AddSingleton<DiscordEventRouter>();
        services.AddSingleton<IGatewayDispatchHandler>(sp => sp.GetRequiredService<DiscordEventRouter>());

        services.AddSingleton<Func<IGatewayTransport>>(() => new WebSocketGatewayTransport());
        services.AddSingleton<DiscordGatewayClient>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
