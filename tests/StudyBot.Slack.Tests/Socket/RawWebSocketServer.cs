using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Slack.Tests.Socket;

/// <summary>
/// A bare WebSocket server on loopback, written on a TCP socket so a test controls every frame: it can leave PINGs
/// unanswered (a dead peer), which ready-made servers never do.
/// </summary>
internal sealed class RawWebSocketServer : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawWebSocketServer() => _listener.Start();

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/link/?ticket=t1");

    public async Task<RawPeer> AcceptAsync()
    {
        var client = await _listener.AcceptTcpClientAsync().WaitAsync(ScriptedSocket.Patience);
        var stream = client.GetStream();
        var request = new StringBuilder();
        var buffer = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                throw new IOException("the client left during the handshake");
            }

            request.Append((char)buffer[0]);
        }

        var key = request.ToString().Split("\r\n")
            .Single(line => line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))
            .Split(':', 2)[1].Trim();
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the handshake; nothing here is secret.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        var response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return new RawPeer(client, stream);
    }

    public void Dispose() => _listener.Stop();
}

internal sealed class RawPeer(TcpClient client, NetworkStream stream) : IDisposable
{
    public const int Text = 0x1;
    public const int Close = 0x8;
    public const int Ping = 0x9;
    public const int Pong = 0xA;

    /// <summary>Sends an unmasked server frame.</summary>
    public async Task SendFrameAsync(int opcode, byte[] payload, bool fin = true)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)payload.Length);
        }
        else
        {
            header.Add(126);
            header.Add((byte)(payload.Length >> 8));
            header.Add((byte)payload.Length);
        }

        await stream.WriteAsync(header.ToArray());
        await stream.WriteAsync(payload);
    }

    public Task SendTextAsync(string text) => SendFrameAsync(Text, Encoding.UTF8.GetBytes(text));

    public Task SendCloseAsync(int code) => SendFrameAsync(Close, [(byte)(code >> 8), (byte)code]);

    /// <summary>Reads one (masked) client frame.</summary>
    public async Task<(int Opcode, byte[] Payload)> ReadFrameAsync()
    {
        var head = await ReadExactlyAsync(2);
        var opcode = head[0] & 0x0F;
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2));
        }
        else if (length == 127)
        {
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8));
        }

        var mask = (head[1] & 0x80) != 0 ? await ReadExactlyAsync(4) : [0, 0, 0, 0];
        var payload = await ReadExactlyAsync((int)length);
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= mask[i % 4];
        }

        return (opcode, payload);
    }

    public void Dispose() => client.Dispose();

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes).AsTask().WaitAsync(ScriptedSocket.Patience);
        return bytes;
    }
}
