namespace StudyBot.Slack.Socket;

/// <summary>
/// Receives every envelope once (redeliveries filtered), several at a time, off the socket's receive loop.
/// Acknowledge with <see cref="SocketModeDelivery.Acknowledge"/> as soon as the answer is known (a slash command's reply,
/// a view_submission's errors), then do the slow work. Without it the client acknowledges bare when the handler
/// returns, or at <see cref="SocketModeTimings.AckDeadline"/>, whichever comes first. events_api envelopes are
/// acknowledged on arrival, before the handler runs.
/// </summary>
public interface ISocketModeHandler
{
    Task HandleAsync(SocketModeDelivery delivery, CancellationToken cancellationToken);
}
