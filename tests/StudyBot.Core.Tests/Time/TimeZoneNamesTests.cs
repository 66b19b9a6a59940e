using StudyBot.Core.Time;

namespace StudyBot.Core.Tests.Time;

/// <summary>No name can make the zone lookup throw: folders of the tz database, paths, offsets, NULs, huge strings.</summary>
public class TimeZoneNamesTests
{
    private const string ZoneInfo = "/usr/share/zoneinfo";

    /// <summary>
    /// Every folder of the tz database: each group that the runtime's own zone list implies (America/Argentina from
    /// America/Argentina/Salta), and, where the files are (Linux), every folder on disk, the distribution's too.
    /// </summary>
    public static TheoryData<string> Folders() => [.. FolderNames()];

    private static List<string> FolderNames()
    {
        var fromCatalog = TimeZoneCatalog.All
            .SelectMany(name => Enumerable.Range(1, name.Count(c => c == '/')).Select(parts => string.Join('/', name.Split('/').Take(parts))));
        var onDisk = Directory.Exists(ZoneInfo)
            ? Directory.EnumerateDirectories(ZoneInfo, "*", SearchOption.AllDirectories).Select(RelativeName)
            : [];
        return [.. fromCatalog.Concat(onDisk).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public static TheoryData<string> HostileNames() =>
    [
        "..", "../..", "../../etc/passwd", "/etc/passwd", "etc/passwd", "/", "//", "America/", "America/Argentina/", "/America/Argentina",
        "Europe//Berlin", "Europe/../Europe/Berlin", "Europe/./Berlin", "./Europe/Berlin", "Europe\\Berlin", "C:\\Windows\\System32",
        "Europe/Berlin\0", "Eur\0ope/Berlin", "\0", "\0/\0", "Europe/Ber\nlin", "Europe/Ber lin",
        "Etc/GMT+5", "Etc/GMT-14", "etc/gmt+5", "Etc", "Etc/", "GMT+5", "+05:00", "UTC+01:00", "-0500",
        "right/Europe/Berlin", "posix/Europe/Berlin", "right/America", "posix/America/Argentina", "right", "posix",
        "zone.tab", "zone1970.tab", "iso3166.tab", "tzdata.zi", "leapseconds", "leap-seconds.list", "posixrules", "localtime", "Factory",
        "US", "Brazil", "Canada", "Mexico", "Chile", "Antarctica", "Arctic", "Indian",
        new string('a', 65), "Europe/" + new string('B', 100), new string('/', 1000), "America/" + new string('x', 5000), new string('A', 1_000_000),
        "Ευρώπη/Βερολίνο", "Europe/Berlin🙂",
    ];

    [Fact]
    public void Folders_IncludeTheNestedAmericanGroups()
    {
        var folders = FolderNames();

        Assert.Contains("America/Argentina", folders);
        Assert.Contains("America/Indiana", folders);
        Assert.Contains("America/Kentucky", folders);
        Assert.Contains("America/North_Dakota", folders);
        Assert.Contains("Europe", folders);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void TryFind_FolderOfTheTzDatabase_RefusedWithoutThrowing(string folder)
    {
        Assert.False(TimeZones.TryFind(folder, out var zone));
        Assert.Null(zone);
        Assert.False(TimeZones.TryFind(folder + "/", out _));
        Assert.False(TimeZones.TryFind(folder.ToLowerInvariant(), out _));
        Assert.Equal(TimeZoneInfo.Utc, TimeZones.FindOrUtc(folder));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Explain_FolderOfTheTzDatabase_ListsItsZonesOrSaysItIsNoZone(string folder)
    {
        var zones = TimeZoneCatalog.ZonesIn(folder);

        var explanation = TimeZoneCatalog.Explain(folder);

        if (zones.Count > 0)
        {
            Assert.StartsWith($"'{folder}' is a group of {zones.Count} time zones, not one zone.", explanation, StringComparison.Ordinal);
            Assert.Contains(zones[0], explanation, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith($"'{folder}' is not an IANA time zone.", explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Explain_ArgentinaFolder_ListsAllItsZones()
    {
        var explanation = TimeZoneCatalog.Explain("America/Argentina");

        Assert.StartsWith("'America/Argentina' is a group of ", explanation, StringComparison.Ordinal);
        Assert.Contains("America/Argentina/Buenos_Aires", explanation, StringComparison.Ordinal);
        Assert.Contains("America/Argentina/Ushuaia", explanation, StringComparison.Ordinal);
        Assert.Equal(explanation.Replace("America/Argentina'", "America/Argentina/'", StringComparison.Ordinal), TimeZoneCatalog.Explain("America/Argentina/"));
    }

    [Fact]
    public void TryFind_EveryFileAndFolderOnDisk_NeverThrows()
    {
        var names = Directory.Exists(ZoneInfo)
            ? Directory.EnumerateFileSystemEntries(ZoneInfo, "*", SearchOption.AllDirectories).Select(RelativeName).ToList()
            : [.. TimeZoneCatalog.All];
        var thrown = new List<string>();

        foreach (var name in names)
        {
            try
            {
                TimeZones.TryFind(name, out _);
            }
            catch (Exception ex)
            {
                thrown.Add($"{name}: {ex.GetType().Name}");
            }
        }

        Assert.NotEmpty(names);
        Assert.Empty(thrown);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void TryFind_HostileName_RefusedWithoutThrowing(string name)
    {
        Assert.False(TimeZones.TryFind(name, out var zone));
        Assert.Null(zone);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Explain_HostileName_OneShortLineWithoutControlCharacters(string name)
    {
        var explanation = TimeZoneCatalog.Explain(name);

        Assert.InRange(explanation.Length, 20, 600);
        Assert.DoesNotContain(explanation, char.IsControl);
    }

    [Fact]
    public void TryFind_EveryZoneOfTheCatalog_FoundUnderItsOwnName()
    {
        Assert.NotEmpty(TimeZoneCatalog.All);
        Assert.All(TimeZoneCatalog.All, name =>
        {
            Assert.True(TimeZones.TryFind(name, out var zone), name);
            Assert.Equal(name, TimeZones.NameOf(zone));
        });
    }

    [Theory]
    [InlineData("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires")]
    [InlineData("AMERICA/NORTH_DAKOTA/CENTER", "America/North_Dakota/Center")]
    [InlineData("asia/kolkata", "Asia/Kolkata")]
    public void TryFind_AnyLetterCase_CanonicalName(string typed, string expected)
    {
        Assert.True(TimeZones.TryFind(typed, out var zone));
        Assert.Equal(expected, TimeZones.NameOf(zone));
    }

    [Theory]
    [InlineData("Europe/Berln", "Did you mean Europe/Berlin?")]
    [InlineData("Asia/Kolkatta", "Did you mean Asia/Kolkata?")]
    [InlineData("Mars/Base", "Use a name like Europe/Berlin, America/New_York, Asia/Kolkata or UTC.")]
    public void Explain_UnknownName_ClosestZonesOrExamples(string typed, string expected)
    {
        var explanation = TimeZoneCatalog.Explain(typed);

        Assert.Equal($"'{typed}' is not an IANA time zone. {expected}", explanation);
    }

    [Fact]
    public void Explain_NulAndLongName_EchoedShortAndPrintable()
    {
        Assert.StartsWith("'Europe/Berlin?' is not an IANA time zone.", TimeZoneCatalog.Explain("Europe/Berlin\0"), StringComparison.Ordinal);
        Assert.StartsWith($"'{new string('x', 40)}…' is not", TimeZoneCatalog.Explain(new string('x', 5000)), StringComparison.Ordinal);
    }

    private static string RelativeName(string path) => Path.GetRelativePath(ZoneInfo, path).Replace('\\', '/');
}
