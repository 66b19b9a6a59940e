using System.Text.Json.Nodes;
using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>A temporary copy of the real content files, for breaking one of them on purpose.</summary>
internal sealed class BrokenContentDirectory : IDisposable
{
    public BrokenContentDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"studybot-content-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        foreach (var file in ContentLoader.FileNames)
        {
            File.Copy(System.IO.Path.Combine(TestContent.ContentDirectory, file), System.IO.Path.Combine(Path, file));
        }
    }

    public string Path { get; }

    public string ReadText(string fileName) => File.ReadAllText(System.IO.Path.Combine(Path, fileName));

    public void WriteText(string fileName, string text) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), text);

    public void Delete(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    /// <summary>Parses a file, lets the test change it, and writes it back.</summary>
    public void Edit(string fileName, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(ReadText(fileName)) ?? throw new InvalidOperationException($"{fileName} is null.");
        edit(root);
        WriteText(fileName, root.ToJsonString());
    }

    public ContentException LoadExpectingFailure() =>
        Assert.Throws<ContentException>(() => ContentLoader.Load(Path));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
