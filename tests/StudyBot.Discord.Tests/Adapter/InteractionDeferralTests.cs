using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using StudyBot.Core.Commands;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Adapter;

public sealed class InteractionDeferralTests
{
    /// <summary>A command whose handler takes longer than the defer threshold.</summary>
    private sealed class SlowCommand(string name, TimeSpan delay, ReplyVisibility visibility = ReplyVisibility.Public) : ICommandHandler
    {
        public CommandDefinition Definition { get; } = new(name, "slow", [], Visibility: visibility);

        public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return Reply.Info("Done late", "after the deferral");
        }
    }

    private static InteractionHandler Handler(RecordingRest rest, ICommandHandler command)
    {
        var dispatcher = new CommandDispatcher([command], NullLogger<CommandDispatcher>.Instance);
        var streaks = new StreakService(Mock.Of<IMemberStore>(), Mock.Of<IServerStore>(), TimeProvider.System, Options.Create(new StreakOptions()));
        return new InteractionHandler(dispatcher, new AnswerService(streaks), streaks, new DiscordApi(rest), TimeProvider.System, NullLogger<InteractionHandler>.Instance)
        {
            DeferAfter = TimeSpan.FromMilliseconds(100),
        };
    }

    private static DiscordInteraction Interaction(string command) => DiscordInteraction.TryParse(JsonDocument.Parse($$$"""
        {"id":"10","token":"tok","application_id":"20","type":2,"guild_id":"30",
         "member":{"permissions":"0","user":{"id":"40","username":"ada"}},"data":{"name":"{{{command}}}"}}
        """).RootElement.Clone())!;

    [Fact]
    public async Task SlowCommand_IsDeferredThenTheOriginalResponseIsEdited()
    {
        var rest = new RecordingRest();

        await Handler(rest, new SlowCommand("leaderboard", TimeSpan.FromMilliseconds(600))).HandleAsync(Interaction("leaderboard"), CancellationToken.None);

        var calls = rest.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("interactions/10/tok/callback", calls[0].Path);
        Assert.Equal(5, calls[0].Body!["type"]!.GetValue<int>());
        Assert.Null(calls[0].Body!["data"]);
        Assert.Equal(HttpMethod.Patch, calls[1].Method);
        Assert.Equal("webhooks/20/tok/messages/@original", calls[1].Path);
        Assert.Equal("Done late", calls[1].Body!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlowPrivateCommand_IsDeferredAsEphemeral()
    {
        var rest = new RecordingRest();

        await Handler(rest, new SlowCommand("streak", TimeSpan.FromMilliseconds(600), ReplyVisibility.Private)).HandleAsync(Interaction("streak"), CancellationToken.None);

        Assert.Equal(64, rest.Calls.First().Body!["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task QuickCommand_IsAnsweredDirectly()
    {
        var rest = new RecordingRest();

        await Handler(rest, new SlowCommand("roadmap", TimeSpan.Zero)).HandleAsync(Interaction("roadmap"), CancellationToken.None);

        var only = Assert.Single(rest.Calls);
        Assert.Equal(4, only.Body!["type"]!.GetValue<int>());
    }
}
