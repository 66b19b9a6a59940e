namespace StudyBot.Slack.Tests.Socket;

/// <summary>Envelopes shaped like Slack's (slack-protocol.md §1.3, §2, §3, §8).</summary>
internal static class Envelopes
{
    public static string SlashCommand(string envelopeId, string text = "streak", string command = "/study") => $$$"""
        {"envelope_id":"{{{envelopeId}}}","type":"slash_commands","accepts_response_payload":true,
         "payload":{"token":"old-verification","team_id":"T1","team_domain":"study","channel_id":"C1","channel_name":"general",
           "user_id":"U1","user_name":"ada","command":"{{{command}}}","text":"{{{text}}}","api_app_id":"A1","is_enterprise_install":"false",
           "response_url":"https://hooks.slack.test/commands/T1/1/abc","trigger_id":"13345224609.738474920.8088930838d88f008e0"}}
        """;

    public static string Event(string envelopeId, string eventId, int retryAttempt = 0, string retryReason = "", string text = "my answer", string? threadTs = "1700000000.000100") => $$$"""
        {"envelope_id":"{{{envelopeId}}}","type":"events_api","accepts_response_payload":false,"retry_attempt":{{{retryAttempt}}},"retry_reason":"{{{retryReason}}}",
         "payload":{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"{{{eventId}}}","event_time":1700000100,
           "event":{"type":"message","channel":"C1","channel_type":"channel","user":"U2","text":"{{{text}}}","ts":"1700000100.000200",
             {{{(threadTs is null ? "" : $"\"thread_ts\":\"{threadTs}\",\"parent_user_id\":\"UBOT\",")}}}"event_ts":"1700000100.000200","team":"T1"} } }
        """;

    public static string ButtonClick(string envelopeId, string value = "answer:42", bool acceptsResponsePayload = false) => $$$"""
        {"envelope_id":"{{{envelopeId}}}","type":"interactive","accepts_response_payload":{{{(acceptsResponsePayload ? "true" : "false")}}},
         "payload":{"type":"block_actions","user":{"id":"U1","username":"ada","name":"ada","team_id":"T1"},"api_app_id":"A1",
           "token":"old","container":{"type":"message","message_ts":"1700000000.000100","channel_id":"C1","is_ephemeral":false},
           "trigger_id":"123.456.abc","team":{"id":"T1","domain":"study"},"channel":{"id":"C1","name":"general"},
           "message":{"type":"message","ts":"1700000000.000100","text":"Daily question"},
           "response_url":"https://hooks.slack.test/actions/T1/2/def",
           "actions":[{"type":"button","action_id":"{{{value}}}","block_id":"daily_answer","value":"{{{value}}}","text":{"type":"plain_text","text":"Answer"},"action_ts":"1700000001.000300"}]}}
        """;

    public static string ViewSubmission(string envelopeId, string? answer = "Feature stores keep training and serving consistent.") => $$$"""
        {"envelope_id":"{{{envelopeId}}}","type":"interactive","accepts_response_payload":true,
         "payload":{"type":"view_submission","team":{"id":"T1","domain":"study"},"user":{"id":"U1","username":"ada","name":"ada","team_id":"T1"},
           "api_app_id":"A1","trigger_id":"789.012.ghi",
           "view":{"id":"V1","type":"modal","callback_id":"answer_v1","private_metadata":"42","hash":"h1",
             "state":{"values":{"answer":{"answer_text":{"type":"plain_text_input","value":{{{(answer is null ? "null" : "\"" + answer + "\"")}}} } } } } },
           "response_urls":[]}}
        """;
}
