using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Streaks;
using StudyBot.Slack.Api;
using StudyBot.Slack.Blocks;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Adapter;

/// <summary>
/// Everything Slack sends over Socket Mode, translated for Core: the slash command (answered in its ack when Core is
/// quick, else through its response_url), the daily post's Answer button (a modal, opened within the trigger's 3 s),
/// the modal's submission (credited and confirmed privately) and, with Slack:CountThreadReplies, replies in the daily
/// question's thread. Whatever fails, the member gets one short line and the next envelope is handled as usual.
/// </summary>
public sealed partial class SlackEnvelopeHandler(
    CommandDispatcher dispatcher,
    AnswerFlow answers,
    ActionDispatcher actionDispatcher,
    DailyQuestionService daily,
    QuestionCatalog catalog,
    SlackWebApi api,
    SlackMemberProfiles profiles,
    SlackSession session,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackEnvelopeHandler> logger) : ISocketModeHandler
{
    public const string Confirmation = "white_check_mark";

    /// <summary>How long Core may take before the slash command is acknowledged bare and answered through its response_url.</summary>
    internal TimeSpan AnswerInAckWithin { get; init; } = ReplyDeadline.DeferAfter;

    public async Task HandleAsync(SocketModeDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            switch (delivery.Envelope.Payload)
            {
                case SlashCommand command:
                    await HandleCommandAsync(delivery, command, cancellationToken);
                    break;
                case BlockActions actions:
                    await HandleActionsAsync(delivery, actions, cancellationToken);
                    break;
                case ViewSubmission submission:
                    await HandleSubmissionAsync(delivery, submission, cancellationToken);
                    break;
                case EventCallback { Event: MessageEvent message } callback:
                    await HandleMessageAsync(callback, message, cancellationToken);
                    break;
                default:
                    delivery.Acknowledge();
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogEnvelopeFailed(ex, delivery.Envelope.EnvelopeId, delivery.Envelope.Type);
            await ApologiseAsync(delivery, cancellationToken);
        }
    }

    private async Task HandleCommandAsync(SocketModeDelivery delivery, SlashCommand command, CancellationToken cancellationToken)
    {
        var work = RunCommandAsync(command, cancellationToken);
        var reply = await ReplyDeadline.WithinAsync(work, AnswerInAckWithin, time, cancellationToken);
        if (reply is not null && delivery.Acknowledge(BlockKitRenderer.RenderCommandResponse(reply)))
        {
            return;
        }

        // Core is still working (or the ack took no payload): acknowledge now, answer through the response_url.
        delivery.Acknowledge();
        reply ??= await work;
        if (command.ResponseUrl is { } url)
        {
            var sent = await api.RespondAsync(url, BlockKitRenderer.Render(reply), reply.Visibility == ReplyVisibility.Private, cancellationToken);
            if (!sent.Ok)
            {
                LogReplyFailed("response_url", sent.Error ?? sent.Failure.ToString());
            }
        }
    }

    private async Task<Reply> RunCommandAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var member = await profiles.MemberAsync(command.TeamId, command.UserId, null, cancellationToken);

        // "/study roadmap phase:2" reads as the console's "/roadmap phase:2"; "/study" alone is the help.
        var text = SlackText.Unescape(command.Text ?? "").Trim();
        var line = "/" + (text.Length == 0 ? "help" : text.TrimStart('/'));
        var parsed = CommandLineParser.Parse(line, dispatcher.Definitions, SlackReferenceSyntax.Instance);
        if (parsed is null)
        {
            return Reply.Problem($"Try {options.Value.Command} help for the list of commands.");
        }

        if (parsed.Problem is not null)
        {
            return Reply.Problem(parsed.Problem);
        }

        return await dispatcher.DispatchAsync(new CommandInvocation(parsed.Command, parsed.Options, member, SlackReferenceSyntax.Instance), cancellationToken);
    }

    private async Task HandleActionsAsync(SocketModeDelivery delivery, BlockActions actions, CancellationToken cancellationToken)
    {
        delivery.Acknowledge();
        var action = actions.Actions.Count > 0 ? actions.Actions[0] : null;
        var teamId = actions.TeamId ?? actions.User.TeamId ?? "";
        if (action is null || teamId.Length == 0)
        {
            await RespondPrivatelyAsync(actions.ResponseUrl, ActionDispatcher.Inactive(), cancellationToken);
            return;
        }

        var member = await profiles.MemberAsync(teamId, actions.User.Id, "action:" + (actions.TriggerId ?? actions.MessageTs), cancellationToken);
        var outcome = await actionDispatcher.PressAsync(member, action.Value ?? action.ActionId, cancellationToken);
        if (outcome.Form is not { } form)
        {
            await RespondPrivatelyAsync(actions.ResponseUrl, outcome.Reply ?? ActionDispatcher.Inactive(), cancellationToken);
            return;
        }

        var capped = form.CappedAt(SlackLimits.PlainTextInputLength);
        var question = await catalog.FindAsync(member.ServerId, form.QuestionId, cancellationToken);
        var view = SlackAnswerModal.Build(new AnswerModal(
            capped.FormId,
            actions.ChannelId ?? actions.Container?.ChannelId ?? "",
            capped.Title,
            question?.Text ?? "",
            capped.InputLabel,
            capped.MinLength,
            capped.MaxLength,
            Placeholder: capped.Placeholder));
        var opened = await api.OpenViewAsync(actions.TriggerId ?? "", view, cancellationToken);
        if (!opened.Ok)
        {
            LogReplyFailed("views.open", opened.Error ?? opened.Failure.ToString());
            await RespondPrivatelyAsync(actions.ResponseUrl, Reply.Problem("The answer form could not be opened in time. Press Answer again, or use /study answer."), cancellationToken);
        }
    }

    private async Task HandleSubmissionAsync(SocketModeDelivery delivery, ViewSubmission submission, CancellationToken cancellationToken)
    {
        if (!actionDispatcher.Handles(submission.CallbackId))
        {
            delivery.Acknowledge();
            return;
        }

        var text = submission.ValueOf(SlackAnswerModal.BlockId, SlackAnswerModal.ActionId) ?? "";
        var teamId = submission.TeamId ?? submission.User.TeamId ?? "";

        // One view is submitted once: its id makes a redelivered submission count once.
        var member = await profiles.MemberAsync(teamId, submission.User.Id, "view:" + submission.ViewId, cancellationToken);
        var reply = await actionDispatcher.SubmitFormAsync(member, submission.CallbackId, text, cancellationToken);
        if (reply.Tone == ReplyTone.Problem)
        {
            // The modal stays open with the problem under the answer.
            delivery.Acknowledge(SocketAck.ViewErrors(new Dictionary<string, string> { [SlackAnswerModal.BlockId] = reply.Text }));
            return;
        }

        delivery.Acknowledge();
        await ConfirmPrivatelyAsync(submission.PrivateMetadata, submission.User.Id, reply, cancellationToken);
    }

    private async Task HandleMessageAsync(EventCallback callback, MessageEvent message, CancellationToken cancellationToken)
    {
        var identity = session.Identity;
        if (!options.Value.CountThreadReplies
            || !message.IsThreadReply
            || !message.IsPlainUserMessage
            || (identity is not null && message.IsFrom(identity.UserId, identity.BotId))
            || callback.TeamId is not { } teamId
            || message.Channel is null)
        {
            return;
        }

        var length = SlackText.Unescape(message.Text ?? "").Trim().Length;
        var slot = (await daily.GetHistoryAsync(SlackIds.Server(teamId), cancellationToken))
            .LastOrDefault(s => s.MessageId == message.ThreadTs && s.QuestionId is not null);
        if (slot is null || length < answers.MinAnswerLength)
        {
            return;
        }

        var member = await profiles.MemberAsync(teamId, message.User!, "event:" + callback.EventId, cancellationToken);
        var result = await answers.CreditThreadReplyAsync(member, slot.QuestionId, cancellationToken);
        if (result.Status == CreditStatus.Credited)
        {
            var reaction = await api.AddReactionAsync(message.Channel, message.Ts, Confirmation, cancellationToken);
            if (!reaction.Ok && reaction.Error != "already_reacted")
            {
                LogReplyFailed("reactions.add", reaction.Error ?? reaction.Failure.ToString());
            }
        }
    }

    // After a modal there is no response_url: an ephemeral message in the question's channel, else a direct message.
    private async Task ConfirmPrivatelyAsync(string channelId, string userId, Reply reply, CancellationToken cancellationToken)
    {
        var message = BlockKitRenderer.Render(reply);
        if (channelId.Length > 0)
        {
            var ephemeral = await api.PostEphemeralAsync(channelId, userId, message, null, cancellationToken);
            if (ephemeral.Ok)
            {
                return;
            }
        }

        var direct = await api.OpenDirectMessageAsync(userId, cancellationToken);
        var posted = direct.Ok ? await api.PostMessageAsync(direct.Value!, message, null, cancellationToken) : null;
        if (posted is not { Ok: true })
        {
            LogReplyFailed("confirmation", posted?.Error ?? direct.Error ?? "no channel");
        }
    }

    private async Task RespondPrivatelyAsync(Uri? responseUrl, Reply reply, CancellationToken cancellationToken)
    {
        if (responseUrl is not null)
        {
            var sent = await api.RespondAsync(responseUrl, BlockKitRenderer.Render(reply), ephemeral: true, cancellationToken);
            if (!sent.Ok)
            {
                LogReplyFailed("response_url", sent.Error ?? sent.Failure.ToString());
            }
        }
    }

    // Built by hand, not by the renderer, which may be what failed.
    private async Task ApologiseAsync(SocketModeDelivery delivery, CancellationToken cancellationToken)
    {
        var apology = new JsonObject { ["response_type"] = "ephemeral", ["text"] = Reply.Failure().Text };
        if (delivery.Envelope.Payload is SlashCommand && delivery.Acknowledge(apology))
        {
            return;
        }

        delivery.Acknowledge();
        var responseUrl = delivery.Envelope.Payload switch
        {
            SlashCommand command => command.ResponseUrl,
            BlockActions actions => actions.ResponseUrl,
            _ => null,
        };
        if (responseUrl is not null)
        {
            try
            {
                await api.RespondAsync(responseUrl, new SlackMessage(Reply.Failure().Text, []), ephemeral: true, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReplyFailed("apology", ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 8400, Level = LogLevel.Error, Message = "Handling Slack envelope {EnvelopeId} ({Type}) failed")]
    private partial void LogEnvelopeFailed(Exception exception, string envelopeId, SocketEnvelopeType type);

    [LoggerMessage(EventId = 8401, Level = LogLevel.Warning, Message = "Slack {Step} failed: {Error}")]
    private partial void LogReplyFailed(string step, string error);
}
