using System.Text;

namespace StudyBot.Persistence.Tests;

/// <summary>Damages a closed LiteDB data file the ways a disk or a careless copy does.</summary>
internal static class DataFileDamage
{
    public const int PageSize = 8192;

    /// <summary>The page type LiteDB gives a page of documents (index pages are type 3).</summary>
    public const byte DataPageType = 4;

    private const int PageTypeOffset = 4;

    /// <summary>
    /// Writes <paramref name="count"/> random bytes at <paramref name="fraction"/> of the file's length (the case:
    /// 4 KiB at 75 %); returns where they start.
    /// </summary>
    public static long WriteRandomBytes(string path, double fraction, int count = 4096, int seed = 7)
    {
        var offset = (long)(new FileInfo(path).Length * fraction);
        WriteRandomBytesAt(path, offset, count, seed);
        return offset;
    }

    public static void WriteRandomBytesAt(string path, long offset, int count = 4096, int seed = 7)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = offset;
        file.Write(bytes);
    }

    /// <summary>
    /// Breaks the stored document whose _id is <paramref name="id"/>, leaving every page header intact: the byte after its
    /// _id (the next element's BSON type, or the document's end) becomes a type BSON does not have.
    /// </summary>
    public static void BreakDocument(string path, string id)
    {
        byte[] pattern = [.. "_id\0"u8, .. BitConverter.GetBytes(Encoding.UTF8.GetByteCount(id) + 1), .. Encoding.UTF8.GetBytes(id), 0];
        var bytes = File.ReadAllBytes(path);
        for (var at = bytes.AsSpan().IndexOf(pattern); at >= 0; at = NextMatch(bytes, pattern, at))
        {
            // Data pages (type 4) hold documents; index pages hold the id again as a key.
            if (bytes[(at / PageSize * PageSize) + PageTypeOffset] == DataPageType)
            {
                bytes[at + pattern.Length] = 0xEE;
                File.WriteAllBytes(path, bytes);
                return;
            }
        }

        throw new InvalidOperationException($"The document {id} is not in a data page of {path}.");
    }

    /// <summary>The type of the page that holds byte <paramref name="offset"/> of the file.</summary>
    public static byte PageTypeAt(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
        file.Position = (offset / PageSize * PageSize) + PageTypeOffset;
        return (byte)file.ReadByte();
    }

    private static int NextMatch(byte[] bytes, byte[] pattern, int after)
    {
        var next = bytes.AsSpan(after + 1).IndexOf(pattern);
        return next < 0 ? -1 : after + 1 + next;
    }
}
