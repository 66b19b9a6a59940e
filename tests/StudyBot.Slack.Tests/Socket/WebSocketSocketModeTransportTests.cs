using System.Text;
using StudyBot.Slack.Socket;

namespace StudyBot.Slack.Tests.Socket;

/// <summary>The real transport against a bare loopback WebSocket server; every wait is on a frame, never on the clock.</summary>
public class WebSocketSocketModeTransportTests
{
    [Fact]
    public async Task ReceiveAsync_MessageInTwoFrames_ComesBackWhole_AndSendAsyncSendsText()
    {
        using var server = new RawWebSocketServer();
        await using var transport = new WebSocketSocketModeTransport(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
        var connect = transport.ConnectAsync(server.Url, default);
        using var peer = await server.AcceptAsync();
        await connect;

        await peer.SendFrameAsync(RawPeer.Text, Encoding.UTF8.GetBytes("""{"type":"hel"""), fin: false);
        await peer.SendFrameAsync(0x0, Encoding.UTF8.GetBytes("""lo"}"""));
        var frame = await transport.ReceiveAsync(default).WaitAsync(ScriptedSocket.Patience);
        await transport.SendAsync("""{"envelope_id":"e1"}""", default);

        Assert.Equal("""{"type":"hello"}""", frame.Text);
        var (opcode, payload) = await peer.ReadFrameAsync();
        Assert.Equal(RawPeer.Text, opcode);
        Assert.Equal("""{"envelope_id":"e1"}""", Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public async Task ReceiveAsync_LargeEnvelopeThenSmallOnes_EachWholeWithNothingLeftOver()
    {
        // The transport keeps its receive buffer between envelopes, and lets go of one grown past 64 KB.
        string[] sent =
        [
            "{\"type\":\"interactive\",\"payload\":\"" + new string('v', 150_000) + "\"}",
            "{\"type\":\"hello\"}",
            "{\"type\":\"slash_commands\",\"payload\":\"" + new string('c', 20_000) + "\"}",
            "{\"type\":\"disconnect\"}",
        ];
        using var server = new RawWebSocketServer();
        await using var transport = new WebSocketSocketModeTransport(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
        var connect = transport.ConnectAsync(server.Url, default);
        using var peer = await server.AcceptAsync();
        await connect;

        var received = new List<string?>();
        foreach (var text in sent)
        {
            // In frames of at most 60,000 bytes: the raw peer writes 16-bit lengths only.
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var at = 0; at < bytes.Length; at += 60_000)
            {
                var end = Math.Min(bytes.Length, at + 60_000);
                await peer.SendFrameAsync(at == 0 ? RawPeer.Text : 0x0, bytes[at..end], fin: end == bytes.Length);
            }

            received.Add((await transport.ReceiveAsync(default).WaitAsync(ScriptedSocket.Patience)).Text);
        }

        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task ReceiveAsync_ServerClosesWithACode_ReportsTheCode()
    {
        using var server = new RawWebSocketServer();
        await using var transport = new WebSocketSocketModeTransport(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
        var connect = transport.ConnectAsync(server.Url, default);
        using var peer = await server.AcceptAsync();
        await connect;

        await peer.SendCloseAsync(1001);

        var frame = await transport.ReceiveAsync(default).WaitAsync(ScriptedSocket.Patience);
        Assert.True(frame.IsClose);
        Assert.Equal(1001, frame.CloseCode);
    }

    [Fact]
    public async Task KeepAlive_PeerAnswersPings_TheSocketStaysOpen()
    {
        using var server = new RawWebSocketServer();
        await using var transport = new WebSocketSocketModeTransport(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(3));
        var connect = transport.ConnectAsync(server.Url, default);
        using var peer = await server.AcceptAsync();
        await connect;
        var receive = transport.ReceiveAsync(default);

        for (var i = 0; i < 3; i++)
        {
            var (opcode, payload) = await peer.ReadFrameAsync();
            Assert.Equal(RawPeer.Ping, opcode);
            await peer.SendFrameAsync(RawPeer.Pong, payload);
        }

        await peer.SendTextAsync("""{"type":"hello"}""");
        Assert.Equal("""{"type":"hello"}""", (await receive.WaitAsync(ScriptedSocket.Patience)).Text);
    }

    [Fact]
    public async Task KeepAlive_PeerStopsAnsweringPings_ReceiveEndsAsADrop()
    {
        using var server = new RawWebSocketServer();
        await using var transport = new WebSocketSocketModeTransport(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        var connect = transport.ConnectAsync(server.Url, default);
        using var peer = await server.AcceptAsync();
        await connect;
        var receive = transport.ReceiveAsync(default);

        var (opcode, _) = await peer.ReadFrameAsync();

        Assert.Equal(RawPeer.Ping, opcode);
        var frame = await receive.WaitAsync(ScriptedSocket.Patience);
        Assert.True(frame.IsClose);
        Assert.Null(frame.CloseCode);
    }

    [Fact]
    public async Task CloseAsync_OnAnOpenSocket_SendsANormalCloseFrame()
    {
        using var server = new RawWebSocketServer();
        await using var transport = new WebSocketSocketModeTransport(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
        var connect = transport.ConnectAsync(server.Url, default);
        using var peer = await server.AcceptAsync();
        await connect;

        await transport.CloseAsync(default);

        var (opcode, payload) = await peer.ReadFrameAsync();
        Assert.Equal(RawPeer.Close, opcode);
        Assert.Equal(1000, (payload[0] << 8) | payload[1]);
    }
}
