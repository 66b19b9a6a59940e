namespace StudyBot.Persistence.Tests;

public sealed class LiteDbAdapterStateStoreTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-state-");

    private string DataPath => Path.Combine(folder.FullName, "studybot.db");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task SetAsync_ThenReopen_ValueSurvivesAndCanBeReplaced()
    {
        using (var gate = new LiteDbGate(DataPath))
        {
            var state = new LiteDbAdapterStateStore(gate);
            Assert.Null(await state.GetAsync("discord:commands:1:global", CancellationToken.None));
            await state.SetAsync("discord:commands:1:global", "AAA", CancellationToken.None);
            await state.SetAsync("discord:commands:1:global", "BBB", CancellationToken.None);
        }

        using (var gate = new LiteDbGate(DataPath))
        {
            var state = new LiteDbAdapterStateStore(gate);
            Assert.Equal("BBB", await state.GetAsync("discord:commands:1:global", CancellationToken.None));
            Assert.Null(await state.GetAsync("discord:commands:1:42", CancellationToken.None));
        }
    }
}
