using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Discord.Events;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>When a command's reply is deferred, on a fake clock: the handler finishes exactly when the test says.</summary>
public sealed class InteractionDeferralTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(1500);

    private readonly FakeTimeProvider clock = new(Start);
    private readonly RecordingRest rest = new();

    /// <summary>A command whose handler finishes when the test sets <see cref="Result"/>.</summary>
    private sealed class GatedCommand(string name, ReplyVisibility visibility = ReplyVisibility.Public) : ICommandHandler
    {
        public TaskCompletionSource<Reply> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CommandDefinition Definition { get; } = new(name, "gated", [], Visibility: visibility);

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Result.Task.WaitAsync(cancellationToken);
    }

    private InteractionHandler Handler(ICommandHandler command)
    {
        var dispatcher = new CommandDispatcher([command], NullLogger<CommandDispatcher>.Instance);
        var streaks = new StreakService(Mock.Of<IMemberStore>(), Mock.Of<IServerStore>(), clock, Options.Create(new StreakOptions()), Mock.Of<IStreakLedger>(), Mock.Of<StudyBot.Core.Daily.IDailyPostStore>(), new StudyBot.Core.Notices.MemberNotices(Mock.Of<StudyBot.Core.Notices.IMemberNoticeStore>(), clock));
        return new InteractionHandler(
            dispatcher, new ActionDispatcher([new AnswerFlow(new AnswerService(streaks), streaks)]), new DiscordApi(rest), new GuildPermissions(), clock, NullLogger<InteractionHandler>.Instance)
        {
            DeferAfter = DeferAfter,
        };
    }

    private static DiscordInteraction Interaction(string command, DateTimeOffset receivedAt) => DiscordInteraction.TryParse(JsonDocument.Parse($$$"""
        {"id":"10","token":"tok","application_id":"20","type":2,"guild_id":"30",
         "member":{"permissions":"0","user":{"id":"40","username":"ada"}},"data":{"name":"{{{command}}}"}}
        """).RootElement.Clone(), receivedAt)!;

    [Fact]
    public async Task HandleAsync_CommandStillRunningAtTheThreshold_IsDeferredThenTheOriginalResponseIsEdited()
    {
        var command = new GatedCommand("leaderboard");

        var handling = Handler(command).HandleAsync(Interaction("leaderboard", Start), CancellationToken.None);
        clock.Advance(DeferAfter);
        await rest.WaitForCallsAsync(1);
        command.Result.SetResult(Reply.Info("Done late", "after the deferral"));
        await handling;

        var calls = rest.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("interactions/10/tok/callback", calls[0].Path);
        Assert.Equal((int)InteractionCallbackType.DeferredChannelMessageWithSource, calls[0].Body!["type"]!.GetValue<int>());
        Assert.Null(calls[0].Body!["data"]);
        Assert.Equal(HttpMethod.Patch, calls[1].Method);
        Assert.Equal("webhooks/20/tok/messages/@original", calls[1].Path);
        Assert.Equal("Done late", calls[1].Body!["embeds"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_PrivateCommandDeferred_IsDeferredAsEphemeral()
    {
        var command = new GatedCommand("streak", ReplyVisibility.Private);

        var handling = Handler(command).HandleAsync(Interaction("streak", Start), CancellationToken.None);
        clock.Advance(DeferAfter);
        await rest.WaitForCallsAsync(1);
        command.Result.SetResult(Reply.Personal("Your streak", "1"));
        await handling;

        Assert.Equal(MessageFlag.Ephemeral, rest.Calls.First().Body!["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task HandleAsync_CommandDoneJustBeforeTheThreshold_IsAnsweredDirectly()
    {
        var command = new GatedCommand("roadmap");

        var handling = Handler(command).HandleAsync(Interaction("roadmap", Start), CancellationToken.None);
        clock.Advance(DeferAfter - TimeSpan.FromMilliseconds(1));
        command.Result.SetResult(Reply.Info("Roadmap", "four phases"));
        await handling;

        var only = Assert.Single(rest.Calls);
        Assert.Equal((int)InteractionCallbackType.ChannelMessageWithSource, only.Body!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task HandleAsync_InteractionThatWaitedPastTheThreshold_IsDeferredAtOnce()
    {
        var command = new GatedCommand("leaderboard");

        // It arrived 2 s ago and waited for a free slot: the clock does not move, yet the deferral goes out.
        var handling = Handler(command).HandleAsync(Interaction("leaderboard", Start - TimeSpan.FromSeconds(2)), CancellationToken.None);
        await rest.WaitForCallsAsync(1);
        command.Result.SetResult(Reply.Info("Done late", "after the deferral"));
        await handling;

        Assert.Equal((int)InteractionCallbackType.DeferredChannelMessageWithSource, rest.Calls.First().Body!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task HandleAsync_InitialResponse_IsNotRetriedPastThreeSecondsAfterArrival()
    {
        var command = new GatedCommand("roadmap");
        command.Result.SetResult(Reply.Info("Roadmap", "four phases"));
        var receivedAt = Start - TimeSpan.FromMilliseconds(200);

        await Handler(command).HandleAsync(Interaction("roadmap", receivedAt), CancellationToken.None);

        Assert.Equal(receivedAt + TimeSpan.FromSeconds(3), Assert.Single(rest.Calls).RetryUntil);
    }
}
