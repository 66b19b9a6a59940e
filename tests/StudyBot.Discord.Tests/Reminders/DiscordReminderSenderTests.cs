using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.Reminders;
using StudyBot.Discord.Reminders;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;

namespace StudyBot.Discord.Tests.Reminders;

/// <summary>Reminders as direct messages against the loopback fake: open the DM channel, then create the message.</summary>
public sealed class DiscordReminderSenderTests : IAsyncLifetime, IDisposable
{
    private const string User = "1300000000000000077";
    private FakeDiscord fake = null!;
    private DiscordRestClient rest = null!;
    private DiscordReminderSender sender = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeDiscord.StartAsync();
        var options = Options.Create(new DiscordOptions { Token = fake.Token, ApiBaseUrl = fake.ApiBaseUrl });
        rest = new DiscordRestClient(new HttpClient(), options, TimeProvider.System, new ListLogger<DiscordRestClient>());
        sender = new DiscordReminderSender(new DiscordApi(rest));
    }

    public async Task DisposeAsync() => await fake.DisposeAsync();

    public void Dispose() => rest.Dispose();

    private static ReminderMessage Message(string user = User) => new(
        "discord:1100000000000000001",
        user,
        new Reply("Reminder · Daily question", "What is a feature store?", [], [new ReplyButton("Answer", "answer:42")], ReplyVisibility.Private, ReplyTone.Info));

    [Fact]
    public async Task SendAsync_OpensTheDmChannel_ThenPostsTheQuestionWithItsAnswerButton_NotEphemeral()
    {
        var result = await sender.SendAsync(Message(), CancellationToken.None);
        var again = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(ReminderOutcome.Sent, result.Outcome);
        Assert.Equal(ReminderOutcome.Sent, again.Outcome);
        var channel = fake.DmChannelOf(User);
        Assert.NotNull(channel);
        Assert.Single(fake.Requests, r => r.Path == "/users/@me/channels"); // the channel is remembered
        var messages = fake.Messages.Where(m => m["channel_id"]?.GetValue<string>() == channel).ToList();
        Assert.Equal(2, messages.Count);
        // A DM knows no server: the button carries it, so the press in the DM credits this server's streak.
        var customId = messages[0]["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        Assert.Equal(StudyBot.Core.Actions.ActionScope.Bind(Message().ServerId, "answer:42"), customId);
        Assert.StartsWith("@discord:", customId, StringComparison.Ordinal);
        Assert.Equal(0, messages[0]["flags"]?.GetValue<int>() ?? 0);
    }

    [Fact]
    public async Task SendAsync_DmsClosed_403With50007_IsUnreachable()
    {
        fake.CloseDirectMessages(User);

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(ReminderOutcome.Unreachable, result.Outcome);
        Assert.Contains("50007", result.Detail, StringComparison.Ordinal);
        Assert.Contains(fake.Requests, r => r.ResponseStatus == 403);
    }

    [Fact]
    public async Task SendAsync_ServerError_IsTransient()
    {
        fake.EnqueueStatus("/users/@me/channels", 500);
        fake.EnqueueStatus("/users/@me/channels", 500);
        fake.EnqueueStatus("/users/@me/channels", 500);
        fake.EnqueueStatus("/users/@me/channels", 500);

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(ReminderOutcome.TransientFailure, result.Outcome);
    }
}
