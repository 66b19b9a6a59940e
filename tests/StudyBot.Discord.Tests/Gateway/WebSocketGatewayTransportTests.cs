using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Gateway;

/// <summary>The real transport against a tiny loopback WebSocket server.</summary>
public class WebSocketGatewayTransportTests
{
    [Fact]
    public async Task Transport_LoopbackServer_SendsUserAgentReassemblesFramesAndReportsCloseCode()
    {
        string? userAgent = null;
        string? received = null;
        var big = new string('x', 40_000);
        await using var server = await LoopbackServer.StartAsync(async (context, socket) =>
        {
            userAgent = context.Request.Headers.UserAgent;
            var message = Encoding.UTF8.GetBytes($$"""{"op":0,"d":"{{big}}"}""");
            var third = message.Length / 3;
            await socket.SendAsync(message.AsMemory(0, third), WebSocketMessageType.Text, false, default);
            await socket.SendAsync(message.AsMemory(third, third), WebSocketMessageType.Text, false, default);
            await socket.SendAsync(message.AsMemory(2 * third), WebSocketMessageType.Text, true, default);
            var buffer = new byte[4096];
            var result = await socket.ReceiveAsync(buffer, default);
            received = Encoding.UTF8.GetString(buffer, 0, result.Count);
            await socket.CloseOutputAsync((WebSocketCloseStatus)4004, "Authentication failed.", default);
        });
        await using var transport = new WebSocketGatewayTransport();

        await transport.ConnectAsync(server.Url, default);
        var message = await transport.ReceiveAsync(default);
        await transport.SendAsync("""{"op":1,"d":null}""", default);
        var close = await transport.ReceiveAsync(default);

        Assert.Equal(DiscordOptions.UserAgent, userAgent);
        Assert.Equal($$"""{"op":0,"d":"{{big}}"}""", message.Text);
        Assert.Equal("""{"op":1,"d":null}""", received);
        Assert.True(close.IsClose);
        Assert.Equal(4004, close.CloseCode);
    }

    [Fact]
    public async Task ReceiveAsync_LargeMessageThenSmallOnes_EachWholeWithNothingLeftOver()
    {
        // The transport keeps its receive buffer between messages, and lets go of one grown past 64 KB by a READY.
        string[] sent =
        [
            "{\"op\":0,\"t\":\"READY\",\"d\":\"" + new string('r', 200_000) + "\"}",
            "{\"op\":11}",
            "{\"op\":0,\"d\":\"" + new string('m', 20_000) + "\"}",
            "{\"op\":11}",
        ];
        await using var server = await LoopbackServer.StartAsync(async (context, socket) =>
        {
            foreach (var text in sent)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, default);
            }
        });
        await using var transport = new WebSocketGatewayTransport();
        await transport.ConnectAsync(server.Url, default);

        var received = new List<string?>();
        foreach (var _ in sent)
        {
            received.Add((await transport.ReceiveAsync(default).WaitAsync(TimeSpan.FromSeconds(10))).Text);
        }

        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task ReceiveAsync_ServerAbortsWithoutCloseFrame_ClosedWithNoCode()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, socket) =>
        {
            // Wait for the client's first message so the handshake is surely over, then cut the TCP connection.
            await socket.ReceiveAsync(new byte[64], default);
            context.Abort();
        });
        await using var transport = new WebSocketGatewayTransport();
        await transport.ConnectAsync(server.Url, default);
        await transport.SendAsync("""{"op":1,"d":null}""", default);

        var frame = await transport.ReceiveAsync(default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(frame.IsClose);
        Assert.Null(frame.CloseCode);
    }

    private sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LoopbackServer(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<LoopbackServer> StartAsync(Func<HttpContext, WebSocket, Task> play)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.UseWebSockets();
            app.Run(async context =>
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                await play(context, socket);
                // Keep the request alive until the client is done with the socket.
                var buffer = new byte[16];
                try
                {
                    while (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseSent)
                    {
                        await socket.ReceiveAsync(buffer, context.RequestAborted);
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                }
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LoopbackServer(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/?v=10&encoding=json"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
