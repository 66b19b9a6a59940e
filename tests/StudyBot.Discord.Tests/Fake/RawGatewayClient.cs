using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>A bare ClientWebSocket speaking JSON, for proving the fake gateway's behaviour without our own client.</summary>
internal sealed class RawGatewayClient : IDisposable
{
    private readonly ClientWebSocket socket = new();

    public WebSocketState State => socket.State;

    public int? CloseCode => (int?)socket.CloseStatus;

    public static async Task<RawGatewayClient> ConnectAsync(string url)
    {
        var client = new RawGatewayClient();
        client.socket.Options.SetRequestHeader("User-Agent", "DiscordBot (https://example.invalid, 1.0)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.socket.ConnectAsync(new Uri(url), timeout.Token);
        return client;
    }

    /// <summary>Connects to the fake's gateway, reads Hello, identifies and reads READY.</summary>
    public static async Task<(RawGatewayClient Client, JsonObject Ready)> IdentifyAsync(FakeDiscord fake, int intents = 1)
    {
        var client = await ConnectAsync(fake.GatewayUrl + "?v=10&encoding=json");
        await client.ReceiveAsync();
        await client.SendAsync(Identify(fake.Token, intents));
        var ready = await client.ReceiveAsync();
        return (client, ready!);
    }

    public static JsonObject Identify(string token, int intents) => new()
    {
        ["op"] = 2,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = intents,
            ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "studybot", ["device"] = "studybot" },
        },
    };

    public Task SendAsync(JsonObject payload) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next payload, or null when the server closed (see <see cref="CloseCode"/>).</summary>
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

    public async Task CloseAsync(int code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.CloseAsync((WebSocketCloseStatus)code, "", timeout.Token);
    }

    public void Dispose() => socket.Dispose();
}
