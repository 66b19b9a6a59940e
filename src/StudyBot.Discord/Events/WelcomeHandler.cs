using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Servers;
using StudyBot.Discord.Gateway;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Events;

/// <summary>GUILD_MEMBER_ADD: when the welcome is on, the /start onboarding in the welcome channel, pinging only the newcomer.</summary>
public sealed partial class WelcomeHandler(
    GuideContent content,
    IServerStore servers,
    DiscordApi api,
    IOptions<DiscordOptions> options,
    ILogger<WelcomeHandler> logger) : IDiscordDispatchHandler
{
    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var data = dispatch.Data;
        var settings = options.Value;
        if (!settings.WelcomeEnabled
            || settings.WelcomeChannelId is not { } channelId
            || DiscordInteraction.Snowflake(data, "guild_id") is not { } guildId
            || !data.TryGetProperty("user", out var user)
            || DiscordInteraction.Snowflake(user, "id") is not { } userId
            || user.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True)
        {
            return;
        }

        var onboarding = Onboarding.Build(content, await servers.GetAsync(DiscordIds.Server(guildId), cancellationToken)) with { Visibility = ReplyVisibility.Public };
        var id = userId.ToString(CultureInfo.InvariantCulture);
        var mentions = new JsonObject { ["parse"] = new JsonArray(), ["users"] = new JsonArray(id) };
        var message = DiscordMessageRenderer.Render(onboarding, $"Welcome, <@{id}>!", mentions);
        var response = await api.CreateMessageAsync(channelId, message, cancellationToken);
        if (!response.IsSuccess)
        {
            LogWelcomeFailed(guildId, response.StatusCode, response.Failure);
        }
    }

    [LoggerMessage(EventId = 6500, Level = LogLevel.Warning, Message = "Server {ServerId}: the welcome could not be posted (HTTP {Status}, {Failure})")]
    private partial void LogWelcomeFailed(ulong serverId, int status, RestFailure failure);
}
