using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence.Tests;

public sealed class ServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddStudyBotPersistence_ConfiguredPath_StoresShareOneGateAndDisposeClosesIt()
    {
        var provider = Build(_directory.DataFile);
        await using (provider)
        {
            var gate = provider.GetRequiredService<LiteDbGate>();
            Assert.Equal(_directory.DataFile, gate.DataPath);
            Assert.IsType<LiteDbServerStore>(provider.GetRequiredService<IServerStore>());
            Assert.IsType<LiteDbDailyPostStore>(provider.GetRequiredService<IDailyPostStore>());
            var result = await provider.GetRequiredService<IMemberStore>()
                .RecordAnswerAsync(Answers.For(Answers.Server, Answers.Ada, Answers.Day1), CancellationToken.None);
            Assert.Equal(CreditStatus.Credited, result.Status);
            Assert.True(File.Exists(gate.LockPath));
        }

        Assert.False(File.Exists(_directory.DataFile + ".lock"));
    }

    [Fact]
    public void AddStudyBotPersistence_NoPathConfigured_DefaultsToDataStudybotDb()
    {
        using var provider = new ServiceCollection()
            .AddStudyBotPersistence(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        Assert.Equal("data/studybot.db", provider.GetRequiredService<IOptions<StorageOptions>>().Value.Path);
    }

    [Fact]
    public void AddStudyBotPersistence_EmptyPath_FailsValidation()
    {
        using var provider = Build("");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(nameof(StorageOptions.Path), error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string path)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = path })
            .Build();
        return new ServiceCollection().AddStudyBotPersistence(configuration).BuildServiceProvider();
    }
}
