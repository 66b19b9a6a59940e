using StudyBot.Core.Time;
using StudyBot.Worker.Chat;

namespace StudyBot.Worker.Tests;

public class ConsoleChatOptionsValidatorTests
{
    /// <summary>Every group of zones the runtime's zone list implies, and every folder of the tz database on disk.</summary>
    public static TheoryData<string> Folders()
    {
        var fromCatalog = TimeZoneCatalog.All
            .SelectMany(name => Enumerable.Range(1, name.Count(c => c == '/')).Select(parts => string.Join('/', name.Split('/').Take(parts))));
        var onDisk = Directory.Exists("/usr/share/zoneinfo")
            ? Directory.EnumerateDirectories("/usr/share/zoneinfo", "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath("/usr/share/zoneinfo", d))
            : [];
        return [.. fromCatalog.Concat(onDisk).Append("America/Argentina").Distinct(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Validate_TimeZoneFolder_OneLineNotACrash(string folder)
    {
        var result = new ConsoleChatOptionsValidator().Validate(null, new ConsoleChatOptions { TimeZone = folder });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Console:TimeZone '{folder}' is ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void Validate_ArgentinaFolder_ListsItsZones()
    {
        var result = new ConsoleChatOptionsValidator().Validate(null, new ConsoleChatOptions { TimeZone = "America/Argentina" });

        Assert.Contains("America/Argentina/Buenos_Aires", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Europe/Berlin")]
    [InlineData("UTC")]
    public void Validate_RealZone_Succeeds(string zone)
    {
        Assert.True(new ConsoleChatOptionsValidator().Validate(null, new ConsoleChatOptions { TimeZone = zone }).Succeeded);
    }
}
