using StudyBot.Discord.Gateway;

namespace StudyBot.Discord.Tests.Gateway;

public class GatewayCloseCodesTests
{
    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public void Classify_AuthShardVersionOrIntentCode_Fatal(int code) =>
        Assert.Equal(GatewayCloseAction.Fatal, GatewayCloseCodes.Classify(code));

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    [InlineData(1000)]
    [InlineData(1001)]
    public void Classify_SessionEndingCode_NewSession(int code) =>
        Assert.Equal(GatewayCloseAction.NewSession, GatewayCloseCodes.Classify(code));

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4003)]
    [InlineData(4005)]
    [InlineData(4006)]
    [InlineData(4008)]
    [InlineData(1006)]
    [InlineData(1011)]
    [InlineData(null)]
    public void Classify_OtherCodeOrDroppedConnection_Resume(int? code) =>
        Assert.Equal(GatewayCloseAction.Resume, GatewayCloseCodes.Classify(code));

    [Theory]
    [InlineData(4004, "Discord__Token")]
    [InlineData(4014, "privileged intent")]
    public void DescribeFatal_KnownCode_OneSentenceWithCode(int code, string hint)
    {
        var text = GatewayCloseCodes.DescribeFatal(code);

        Assert.Contains(code.ToString(), text, StringComparison.Ordinal);
        Assert.Contains(hint, text, StringComparison.Ordinal);
    }
}
