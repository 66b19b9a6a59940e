using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Slack.Fake.Tests;

/// <summary>
/// A WebSocket client at frame level over a TcpClient, because ClientWebSocket neither sends a ping on demand nor
/// shows the pong: enough of RFC 6455 to send a masked ping and read the server's unmasked frames.
/// </summary>
internal sealed class RawFrameSocket : IDisposable
{
    public const int TextOpcode = 0x1;
    public const int PingOpcode = 0x9;
    public const int PongOpcode = 0xA;

    private readonly TcpClient tcp = new();
    private NetworkStream stream = null!;

    public static async Task<RawFrameSocket> ConnectAsync(string url)
    {
        var uri = new Uri(url);
        var socket = new RawFrameSocket();
        await socket.tcp.ConnectAsync(uri.Host, uri.Port);
        socket.stream = socket.tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await socket.stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await socket.stream.ReadExactlyAsync(one);
            head.Append((char)one[0]);
        }

        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Upgrade refused: " + head);
        }

        return socket;
    }

    public async Task SendPingAsync(byte[] payload)
    {
        var mask = RandomNumberGenerator.GetBytes(4);
        var frame = new byte[2 + 4 + payload.Length];
        frame[0] = 0x80 | PingOpcode;
        frame[1] = (byte)(0x80 | payload.Length);
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        await stream.WriteAsync(frame);
    }

    /// <summary>The next whole frame from the server (servers never mask).</summary>
    public async Task<(int Opcode, byte[] Payload)> ReadFrameAsync()
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header);
        var opcode = header[0] & 0x0F;
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await stream.ReadExactlyAsync(extended);
            length = BinaryPrimitives.ReadUInt16BigEndian(extended);
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await stream.ReadExactlyAsync(extended);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload);
        return (opcode, payload);
    }

    public void Dispose() => tcp.Dispose();
}
