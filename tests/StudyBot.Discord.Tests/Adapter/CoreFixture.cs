using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core;
using StudyBot.Core.Commands;
using StudyBot.Core.Content;

namespace StudyBot.Discord.Tests.Adapter;

/// <summary>Core's real command set over the real content; the ports are never called by these tests.</summary>
internal static class CoreFixture
{
    private static readonly Lazy<GuideContent> Content = new(() => ContentLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "content")));

    public static CommandDispatcher Dispatcher()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions();
        services.AddStudyBotCore(Content.Value);
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Servers.IServerStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Streaks.IMemberStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Streaks.IStreakLedger>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Notices.IMemberNoticeStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Daily.IDailyPostStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Learning.IRatingStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Notices.IMemberNoticeStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Daily.IDailyPostSender>(s => s.Platform == DiscordIds.Platform));
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Daily.IDailyScheduleRegistry>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Questions.IServerQuestionStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Notices.IMemberNoticeStore>());
        services.AddSingleton(Moq.Mock.Of<StudyBot.Core.Reminders.IReminderStore>());
        return services.BuildServiceProvider().GetRequiredService<CommandDispatcher>();
    }

    public static NullLogger<T> Log<T>() => NullLogger<T>.Instance;
}
