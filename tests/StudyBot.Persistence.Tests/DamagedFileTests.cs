using StudyBot.Core.Servers;

namespace StudyBot.Persistence.Tests;

/// <summary>A damaged data file: refused at open with one sentence when the damage can be seen, else failing only what reads it.</summary>
public sealed class DamagedFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Constructor_RandomBytesAtThreeQuartersOfTheFile_ThrowsStorageUnavailableNamingTheFileAndTheBackup()
    {
        // 4 KiB at 75 % covers a page's start when the file has 4k or 4k + 1 pages; other sizes put it inside one page,
        // which the next test stands for. More members until the file has such a size.
        var members = 300;
        await WriteFileWithMembersAsync(members);
        while (new FileInfo(_directory.DataFile).Length / DataFileDamage.PageSize % 4 > 1)
        {
            await WriteFileWithMembersAsync(members += 20);
        }

        var offset = DataFileDamage.WriteRandomBytes(_directory.DataFile, 0.75);
        Assert.True(offset % DataFileDamage.PageSize is 0 or > DataFileDamage.PageSize - 4096, $"the damage at {offset} covers the start of a page");

        var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));

        Assert.Equal(
            $"The data file {_directory.DataFile} is damaged (page {(offset + 4095) / DataFileDamage.PageSize} of {new FileInfo(_directory.DataFile).Length / DataFileDamage.PageSize} is not a LiteDB page); restore it from a backup or set Storage:Path to another file.",
            error.Message);
        Assert.False(File.Exists(_directory.DataFile + ".lock"), "a refused file must release its lock file");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public async Task Constructor_AnyPageStartDamaged_ThrowsStorageUnavailable(int page)
    {
        await WriteFileWithMembersAsync(members: 300);
        Assert.True(new FileInfo(_directory.DataFile).Length > (page + 1) * DataFileDamage.PageSize);
        DataFileDamage.WriteRandomBytesAt(_directory.DataFile, (long)page * DataFileDamage.PageSize, count: 64);

        var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));

        Assert.Contains($"is damaged (page {page} of ", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stores_RandomBytesInsideOnePage_OpensAndEveryFailedReadIsStorageUnavailable()
    {
        // 4 KiB at 75 % stays inside one page when the file has 4k + 2 or 4k + 3 pages, and hits some documents, not the
        // index every read goes through, when that page is a data page. Which page is which depends on when the idle
        // checkpoint ran, so more members until both hold.
        var count = 300;
        await WriteFileWithMembersAsync(count);
        while (!DamageLandsInsideADataPage())
        {
            Assert.True(count < 1000, "no file size put the damage inside a data page");
            await WriteFileWithMembersAsync(count += 20);
        }

        var offset = DataFileDamage.WriteRandomBytes(_directory.DataFile, 0.75);
        Assert.True(offset % DataFileDamage.PageSize is > 0 and <= DataFileDamage.PageSize - 4096, $"the damage at {offset} is inside one page");

        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        var failed = 0;
        for (var member = 1; member <= count; member++)
        {
            try
            {
                await members.GetMemberAsync(Answers.Server, Member(member), CancellationToken.None);
            }
            catch (StorageUnavailableException error) when (error.Message.Contains(_directory.DataFile, StringComparison.Ordinal))
            {
                failed++;
            }
        }

        Assert.InRange(failed, 1, count - 1);

        bool DamageLandsInsideADataPage()
        {
            var at = (long)(new FileInfo(_directory.DataFile).Length * 0.75);
            return at % DataFileDamage.PageSize is > 0 and <= DataFileDamage.PageSize - 4096
                && DataFileDamage.PageTypeAt(_directory.DataFile, at) == DataFileDamage.DataPageType;
        }
    }

    [Fact]
    public async Task Constructor_DamagedServerDocument_ThrowsStorageUnavailableWithoutLiteDbPlaceholders()
    {
        using (var gate = new LiteDbGate(_directory.DataFile))
        {
            var settings = new ServerSettings(Answers.Server, "600", new TimeOnly(8, 0), "Europe/Berlin", null, false, null, Answers.At);
            await new LiteDbServerStore(gate).SaveAsync(settings, CancellationToken.None);
        }

        DataFileDamage.BreakDocument(_directory.DataFile, Answers.Server);

        var error = Assert.Throws<StorageUnavailableException>(() => new LiteDbGate(_directory.DataFile));

        Assert.StartsWith($"The data file {_directory.DataFile} is not a LiteDB database or is damaged (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); restore it from a backup or set Storage:Path to another file.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{0}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_DamagedMemberDocument_ThatReadFailsWithStorageUnavailableAndOthersStillWork()
    {
        await WriteFileWithMembersAsync(members: 3);
        DataFileDamage.BreakDocument(_directory.DataFile, $"m:{Answers.Server}:{Member(2)}");

        using var gate = new LiteDbGate(_directory.DataFile);
        var members = new LiteDbMemberStore(gate);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => members.GetMemberAsync(Answers.Server, Member(2), CancellationToken.None));
        var other = await members.GetMemberAsync(Answers.Server, Member(3), CancellationToken.None);

        Assert.StartsWith($"Reading or writing the data file {_directory.DataFile} failed (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("restore the file from a backup.", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        Assert.Equal("Ada", other?.DisplayName);
    }

    /// <summary>The n-th member's id: a snowflake's decimal text, as Discord members are stored.</summary>
    private static string Member(int n) => (2_200_000_000_000_000_000UL + (ulong)n).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task WriteFileWithMembersAsync(int members)
    {
        using var gate = new LiteDbGate(_directory.DataFile);
        var store = new LiteDbMemberStore(gate);
        for (var member = 1; member <= members; member++)
        {
            await store.RecordAnswerAsync(Answers.For(Answers.Server, Member(member), Answers.Day1, $"interaction-{member}"), CancellationToken.None);
        }
    }
}
