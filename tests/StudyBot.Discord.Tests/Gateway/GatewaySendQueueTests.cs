using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Gateway;

public class GatewaySendQueueTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedGateway _gateway = new();

    [Fact]
    public void TryEnqueue_Over4096Bytes_Refused()
    {
        var queue = new GatewaySendQueue(_time);

        Assert.True(queue.TryEnqueue(new string('a', 4096)));
        Assert.False(queue.TryEnqueue(new string('a', 4097)));
        Assert.False(queue.TryEnqueue(new string('é', 2049))); // 4098 bytes in UTF-8
    }

    [Fact]
    public async Task RunAsync_Burst_OthersStopAt117AndHeartbeatsUseTheReserve()
    {
        var queue = new GatewaySendQueue(_time);
        var transport = (ScriptedConnection)_gateway.CreateTransport();
        using var stop = new CancellationTokenSource();
        var writer = queue.RunAsync(transport, stop.Token);

        for (var i = 0; i < 130; i++)
        {
            queue.TryEnqueue($$"""{"op":3,"d":{{i}}}""");
        }

        await WaitUntilAsync(() => transport.SentCount == 117);
        await transport.AssertSentCountStaysAsync(117, TimeSpan.FromMilliseconds(150));

        for (var i = 0; i < 4; i++)
        {
            queue.TryEnqueue("""{"op":1,"d":null}""", isHeartbeat: true);
        }

        await WaitUntilAsync(() => transport.SentCount == 120);
        await transport.AssertSentCountStaysAsync(120, TimeSpan.FromMilliseconds(150));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);
        Assert.Equal(0, _gateway.OverlappingSends);
    }

    [Fact]
    public async Task RunAsync_WindowSlides_HeldPayloadsGoInOrder()
    {
        var queue = new GatewaySendQueue(_time);
        var transport = (ScriptedConnection)_gateway.CreateTransport();
        using var stop = new CancellationTokenSource();
        var writer = queue.RunAsync(transport, stop.Token);
        for (var i = 0; i < 118; i++)
        {
            queue.TryEnqueue($$"""{"op":3,"d":{{i}}}""");
        }

        await WaitUntilAsync(() => transport.SentCount == 117);
        for (var i = 0; i < 117; i++)
        {
            await transport.NextSentAsync();
        }

        using var timeout = new CancellationTokenSource(ScriptedConnection.Timeout);
        while (transport.SentCount < 118)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, timeout.Token);
        }

        var last = await transport.NextSentAsync();
        Assert.Equal(117, (int)last["d"]!);
        Assert.True(_time.GetUtcNow() - _time.Start >= GatewaySendQueue.Window);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(ScriptedConnection.Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
