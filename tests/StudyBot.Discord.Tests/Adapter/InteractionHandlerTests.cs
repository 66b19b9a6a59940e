using System.Text.Json;
using System.Text.Json.Nodes;
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
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>
/// The interaction handler when things go wrong (the member still gets a short reply where Discord takes one) and
/// when Discord's payload lacks member.permissions (worked out from the server's owner and roles, or refused).
/// </summary>
public sealed class InteractionHandlerTests
{
    private const ulong Guild = 30;
    private const ulong User = 40;
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);
    private readonly RecordingRest rest = new();
    private readonly GuildPermissions guilds = new();
    private readonly ListLogger<InteractionHandler> log = new();

    /// <summary>A command that answers with whatever the test sets, when the test says so.</summary>
    private sealed class ScriptedCommand(string name, bool adminOnly = false, params CommandOption[] options) : ICommandHandler
    {
        public TaskCompletionSource<Reply> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<CommandRequest> Requests { get; } = [];

        public CommandDefinition Definition { get; } = new(name, "scripted", options, AdminOnly: adminOnly);

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Result.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>What a renderer bug looks like from outside: a reply the renderer cannot render (it throws).</summary>
    private static Reply Unrenderable() => Reply.Info(null!, "no title");

    private InteractionHandler Handler(params ICommandHandler[] commands)
    {
        var dispatcher = new CommandDispatcher(commands, NullLogger<CommandDispatcher>.Instance);
        var streaks = new StreakService(Mock.Of<IMemberStore>(), Mock.Of<IServerStore>(), clock, Options.Create(new StreakOptions()), Mock.Of<IStreakLedger>(), Mock.Of<StudyBot.Core.Daily.IDailyPostStore>(), new StudyBot.Core.Notices.MemberNotices(Mock.Of<StudyBot.Core.Notices.IMemberNoticeStore>(), clock));
        return new InteractionHandler(dispatcher, new ActionDispatcher([new AnswerFlow(new AnswerService(streaks), streaks)]), new DiscordApi(rest), guilds, clock, log);
    }

    private static DiscordInteraction Interaction(int type, string data, string member = """{"permissions":"0","user":{"id":"40","username":"ada"}}""") =>
        DiscordInteraction.TryParse(JsonDocument.Parse($$"""
            {"id":"10","token":"tok","application_id":"20","type":{{type}},"guild_id":"{{Guild}}","member":{{member}},"data":{{data}}}
            """).RootElement.Clone(), Start)!;

    private static DiscordInteraction Command(string name, string member = """{"permissions":"0","user":{"id":"40","username":"ada"}}""") =>
        Interaction(2, $$"""{"name":"{{name}}"}""", member);

    private static JsonNode Body(RecordedCall call) => call.Body!;

    [Fact]
    public async Task HandleAsync_RendererThrows_MemberGetsTheShortReplyPrivatelyAndItIsLogged()
    {
        var command = new ScriptedCommand("broken");
        command.Result.SetResult(Unrenderable());

        await Handler(command).HandleAsync(Command("broken"), CancellationToken.None);

        var reply = Assert.Single(rest.Calls);
        Assert.Equal("interactions/10/tok/callback", reply.Path);
        Assert.Equal((int)InteractionCallbackType.ChannelMessageWithSource, Body(reply)["type"]!.GetValue<int>());
        Assert.Equal(InteractionHandler.FailureText, Body(reply)["data"]!["content"]!.GetValue<string>());
        Assert.Equal(MessageFlag.Ephemeral, Body(reply)["data"]!["flags"]!.GetValue<int>());
        Assert.IsType<NullReferenceException>(Assert.Single(log.Entries, e => e.EventId.Id == 6703).Exception);
    }

    [Fact]
    public async Task HandleAsync_RendererThrowsAfterTheDeferral_TheDeferredReplyBecomesTheShortReply()
    {
        var command = new ScriptedCommand("broken");
        var handling = Handler(command).HandleAsync(Command("broken"), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        await rest.WaitForCallsAsync(1);

        command.Result.SetResult(Unrenderable());
        await handling;

        var calls = rest.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal((int)InteractionCallbackType.DeferredChannelMessageWithSource, Body(calls[0])["type"]!.GetValue<int>());
        Assert.Equal(HttpMethod.Patch, calls[1].Method);
        Assert.Equal("webhooks/20/tok/messages/@original", calls[1].Path);
        Assert.Equal(InteractionHandler.FailureText, Body(calls[1])["content"]!.GetValue<string>());
        Assert.Empty(Body(calls[1])["embeds"]!.AsArray());
    }

    [Fact]
    public async Task HandleAsync_RestThrowsOnTheReply_TheShortReplyIsSentInstead()
    {
        var command = new ScriptedCommand("roadmap");
        command.Result.SetResult(Reply.Info("Roadmap", "four phases"));
        var calls = 0;
        rest.Respond = (_, _) => ++calls == 1 ? throw new InvalidOperationException("a bug in the REST layer") : new RestResponse(204, null, RestFailure.None);

        await Handler(command).HandleAsync(Command("roadmap"), CancellationToken.None);

        var sent = rest.Calls.ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(InteractionHandler.FailureText, Body(sent[1])["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_AutocompleteFails_AnsweredWithNoChoices()
    {
        var calls = 0;
        rest.Respond = (_, _) => ++calls == 1 ? throw new InvalidOperationException("a bug in the REST layer") : new RestResponse(204, null, RestFailure.None);

        await Handler(new ScriptedCommand("tools")).HandleAsync(
            Interaction(4, """{"name":"tools","options":[{"name":"category","type":3,"value":"mon","focused":true}]}"""), CancellationToken.None);

        var fallback = rest.Calls.Last();
        Assert.Equal((int)InteractionCallbackType.ApplicationCommandAutocompleteResult, Body(fallback)["type"]!.GetValue<int>());
        Assert.Empty(Body(fallback)["data"]!["choices"]!.AsArray());
    }

    [Fact]
    public async Task HandleAsync_AutocompleteWithMalformedOptions_AnsweredWithNoChoicesWithoutAnError()
    {
        await Handler(new ScriptedCommand("tools")).HandleAsync(Interaction(4, """{"name":"tools","options":[42,"x",null]}"""), CancellationToken.None);

        var only = Assert.Single(rest.Calls);
        Assert.Equal((int)InteractionCallbackType.ApplicationCommandAutocompleteResult, Body(only)["type"]!.GetValue<int>());
        Assert.False(log.Has(6703));
    }

    [Fact]
    public async Task HandleAsync_EvenTheShortReplyFails_NothingEscapesAndBothAreLogged()
    {
        var command = new ScriptedCommand("broken");
        command.Result.SetResult(Unrenderable());
        rest.Respond = (_, _) => throw new InvalidOperationException("REST is down hard");

        await Handler(command).HandleAsync(Command("broken"), CancellationToken.None);

        Assert.True(log.Has(6703));
        Assert.True(log.Has(6704));
    }

    [Fact]
    public async Task HandleAsync_AdminCommandWithoutPermissionsInThePayload_OwnerIsLetThrough()
    {
        guilds.SetGuild(Guild, ownerId: User, []);
        var command = new ScriptedCommand("setup", adminOnly: true);
        command.Result.SetResult(Reply.Success("Set up", "done"));

        await Handler(command).HandleAsync(Command("setup", member: """{"roles":[],"user":{"id":"40","username":"ada"}}"""), CancellationToken.None);

        Assert.True(Assert.Single(command.Requests).Member.IsAdmin);
    }

    [Fact]
    public async Task HandleAsync_AdminCommandWithoutPermissionsInThePayload_RoleWithManageServerIsLetThrough()
    {
        guilds.SetGuild(Guild, ownerId: 1, [new(Guild, 0), new(7, DiscordPermissions.ManageGuild)]);
        var command = new ScriptedCommand("setup", adminOnly: true);
        command.Result.SetResult(Reply.Success("Set up", "done"));

        await Handler(command).HandleAsync(Command("setup", member: """{"roles":["7"],"user":{"id":"40","username":"ada"}}"""), CancellationToken.None);

        Assert.True(Assert.Single(command.Requests).Member.IsAdmin);
    }

    [Fact]
    public async Task HandleAsync_AdminCommandWithoutPermissionsAndServerUnknown_RefusedPolitelyWithoutRunning()
    {
        var command = new ScriptedCommand("setup", adminOnly: true);

        await Handler(command).HandleAsync(Command("setup", member: """{"roles":[],"user":{"id":"40","username":"ada"}}"""), CancellationToken.None);

        Assert.Empty(command.Requests);
        var text = Body(Assert.Single(rest.Calls))["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("could not check your permissions", text, StringComparison.Ordinal);
        Assert.True(log.Has(6705));
    }

    [Fact]
    public async Task HandleAsync_MemberCommandWithoutPermissionsAndServerUnknown_RunsAsANonAdmin()
    {
        var command = new ScriptedCommand("roadmap");
        command.Result.SetResult(Reply.Info("Roadmap", "four phases"));

        await Handler(command).HandleAsync(Command("roadmap", member: """{"user":{"id":"40","username":"ada"}}"""), CancellationToken.None);

        Assert.False(Assert.Single(command.Requests).Member.IsAdmin);
    }

    [Fact]
    public async Task HandleAsync_CommandWithAMemberOption_ReadsItTheDiscordWayAndScopesTheIds()
    {
        var command = new ScriptedCommand("whose", adminOnly: false, new CommandOption("member", "Whose", OptionKind.Member));
        command.Result.SetResult(Reply.Info("Streak", "shown"));
        var handler = Handler(command);

        await handler.HandleAsync(Interaction(2, """{"name":"whose","options":[{"name":"member","type":3,"value":"<@!2200000000000000002>"}]}"""), CancellationToken.None);
        await handler.HandleAsync(Interaction(2, """{"name":"whose","options":[{"name":"member","type":3,"value":"ada"}]}"""), CancellationToken.None);

        var request = Assert.Single(command.Requests);
        Assert.Equal("2200000000000000002", request.Text("member"));
        Assert.Equal(("discord:30", "40"), (request.Member.ServerId, request.Member.MemberId));
        var refusal = Body(rest.Calls.ElementAt(1))["data"]!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Equal("'ada' is not a member. Mention them (@name) or give their id.", refusal);
    }
}
