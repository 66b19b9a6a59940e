using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Daily;
using StudyBot.Core.Learning;
using StudyBot.Core.Notices;
using StudyBot.Core.Privacy;
using StudyBot.Core.Questions;
using StudyBot.Core.Reminders;
using StudyBot.Core.Servers;
using StudyBot.Core.State;
using StudyBot.Core.Streaks;

namespace StudyBot.Persistence;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The LiteDB stores behind one <see cref="LiteDbGate"/>. The gate opens the file when first resolved; resolve it
    /// at start-up so a held or foreign file stops the host at once. Disposing the provider checkpoints and closes it.
    /// </summary>
    public static IServiceCollection AddStudyBotPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => new LiteDbGate(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path,
            sp.GetService<ILogger<LiteDbGate>>()));
        services.AddSingleton<LiteDbMemberStore>();
        services.AddSingleton<IMemberStore>(sp => sp.GetRequiredService<LiteDbMemberStore>());
        services.AddSingleton<IMemberDataPart>(sp => sp.GetRequiredService<LiteDbMemberStore>());
        services.AddSingleton<LiteDbStreakLedger>();
        services.AddSingleton<IStreakLedger>(sp => sp.GetRequiredService<LiteDbStreakLedger>());
        services.AddSingleton<IMemberDataPart>(sp => sp.GetRequiredService<LiteDbStreakLedger>());
        services.AddSingleton<IServerStore, LiteDbServerStore>();
        services.AddSingleton<IDailyPostStore, LiteDbDailyPostStore>();
        services.AddSingleton<IAdapterStateStore, LiteDbAdapterStateStore>();
        services.AddSingleton<LiteDbMemberNoticeStore>();
        services.AddSingleton<IMemberNoticeStore>(sp => sp.GetRequiredService<LiteDbMemberNoticeStore>());
        services.AddSingleton<IMemberDataPart>(sp => sp.GetRequiredService<LiteDbMemberNoticeStore>());
        services.AddSingleton<LiteDbRatingStore>();
        services.AddSingleton<IRatingStore>(sp => sp.GetRequiredService<LiteDbRatingStore>());
        services.AddSingleton<IMemberDataPart>(sp => sp.GetRequiredService<LiteDbRatingStore>());
        services.AddSingleton<LiteDbServerQuestionStore>();
        services.AddSingleton<IServerQuestionStore>(sp => sp.GetRequiredService<LiteDbServerQuestionStore>());
        services.AddSingleton<IMemberDataPart>(sp => sp.GetRequiredService<LiteDbServerQuestionStore>());
        services.AddSingleton<LiteDbReminderStore>();
        services.AddSingleton<IReminderStore>(sp => sp.GetRequiredService<LiteDbReminderStore>());
        services.AddSingleton<IMemberDataPart>(sp => sp.GetRequiredService<LiteDbReminderStore>());
        return services;
    }
}
