using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Tests.EndToEnd;

internal static class SlackReplies
{
    /// <summary>
    /// The reply to a <c>/study</c> command: in the acknowledgement when Core answered quickly, else (a slow machine, a
    /// cold cache) posted to the command's response_url after a bare acknowledgement. Both are what Slack shows the user.
    /// </summary>
    public static async Task<string> CommandReplyAsync(FakeSlack fake, string text, string user, string channel, TimeSpan wait)
    {
        var envelope = fake.Payloads.SlashCommand("/study", text, user, channel);
        var responseUrlPath = new Uri(envelope.Payload["response_url"]!.GetValue<string>()).AbsolutePath;
        var sent = await fake.PushAsync(envelope);
        var ack = await sent.WaitForAckAsync(wait);
        Assert.True(ack.WithinDeadline, $"'{text}' was acknowledged after {ack.Latency}");
        if (ack.Payload is { } payload)
        {
            return payload.ToJsonString();
        }

        var followUp = await fake.WaitForMessageAsync(m => m.Source == MessageSource.ResponseUrl && m.ResponseUrlPath == responseUrlPath, wait);
        return followUp.Body.ToJsonString();
    }
}
