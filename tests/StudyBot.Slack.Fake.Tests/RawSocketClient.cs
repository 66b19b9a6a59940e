using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

/// <summary>A bare ClientWebSocket speaking JSON, for proving the fake's Socket Mode without a Slack client.</summary>
internal sealed class RawSocketClient : IDisposable
{
    private readonly ClientWebSocket socket = new();

    public WebSocketState State => socket.State;

    public int? CloseCode => (int?)socket.CloseStatus;

    /// <summary>apps.connections.open with the app token, then a connection to the URL it returned.</summary>
    public static async Task<RawSocketClient> OpenAsync(FakeSlack fake)
    {
        using var http = SlackHttp.Client(fake.AppToken);
        var answer = await SlackHttp.CallAsync(http, fake, SlackMethods.AppsConnectionsOpen);
        return await ConnectAsync(answer.Json!["url"]!.GetValue<string>());
    }

    /// <summary><see cref="OpenAsync"/>, then the hello.</summary>
    public static async Task<(RawSocketClient Client, JsonObject Hello)> OpenWithHelloAsync(FakeSlack fake)
    {
        var client = await OpenAsync(fake);
        var hello = await client.ReceiveAsync();
        return (client, hello!);
    }

    public static async Task<RawSocketClient> ConnectAsync(string url)
    {
        var client = new RawSocketClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.socket.ConnectAsync(new Uri(url), timeout.Token);
        return client;
    }

    public Task SendAsync(JsonObject frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task AckAsync(string envelopeId, JsonObject? payload = null)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload;
        }

        return SendAsync(ack);
    }

    /// <summary>The next frame, or null when the server closed (see <see cref="CloseCode"/>).</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[16384];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!.AsObject();
            }
        }
    }

    public async Task CloseAsync(int code = 1000)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.CloseAsync((WebSocketCloseStatus)code, "", timeout.Token);
    }

    public void Dispose() => socket.Dispose();
}
