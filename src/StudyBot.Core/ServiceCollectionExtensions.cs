using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Learning;
using StudyBot.Core.Milestones;
using StudyBot.Core.Notices;
using StudyBot.Core.Privacy;
using StudyBot.Core.Questions;
using StudyBot.Core.Reminders;
using StudyBot.Core.Streaks;

namespace StudyBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the content, the services and every command, explicitly. Ports are the adapters' to register.</summary>
    public static IServiceCollection AddStudyBotCore(this IServiceCollection services, GuideContent content)
    {
        services.AddSingleton(content);
        services.AddSingleton(Random.Shared);
        services.AddSingleton<StreakService>();
        services.AddSingleton<AnswerService>();
        services.AddSingleton<AnswerFlow>();
        services.AddSingleton<IActionHandler>(sp => sp.GetRequiredService<AnswerFlow>());
        services.AddSingleton<LearningService>();
        services.AddSingleton<IActionHandler, LearningActions>();
        services.AddSingleton<ActionDispatcher>();
        services.AddSingleton<QuestionCatalog>();
        services.AddSingleton<OwnQuestionService>();
        services.AddSingleton<DailyQuestionService>();
        services.AddSingleton<MemberNotices>();
        services.AddSingleton<MemberData>();
        services.AddSingleton<ForgetMeFlow>();
        services.AddSingleton<IActionHandler>(sp => sp.GetRequiredService<ForgetMeFlow>());
        services.AddSingleton<ReminderService>();
        services.AddSingleton<MilestoneService>();
        services.AddSingleton<CommandDispatcher>();

        services.AddSingleton<ICommandHandler, RoadmapCommand>();
        services.AddSingleton<ICommandHandler, SkillsCommand>();
        services.AddSingleton<ICommandHandler, ToolsCommand>();
        services.AddSingleton<ICommandHandler, CloudCommand>();
        services.AddSingleton<ICommandHandler, RoleCommand>();
        services.AddSingleton<ICommandHandler, SalaryCommand>();
        services.AddSingleton<ICommandHandler, QuestionCommand>();
        services.AddSingleton<ICommandHandler, DailyCommand>();
        services.AddSingleton<ICommandHandler, AnswerCommand>();
        services.AddSingleton<ICommandHandler, StreakCommand>();
        services.AddSingleton<ICommandHandler, LeaderboardCommand>();
        services.AddSingleton<ICommandHandler, TimezoneCommand>();
        services.AddSingleton<ICommandHandler, RemindCommand>();
        services.AddSingleton<ICommandHandler, StartCommand>();
        services.AddSingleton<ICommandHandler, HelpCommand>();
        services.AddSingleton<ICommandHandler, SetupCommand>();
        services.AddSingleton<ICommandHandler, ScheduleCommand>();
        services.AddSingleton<ICommandHandler, ReviewCommand>();
        services.AddSingleton<ICommandHandler, ProgressCommand>();
        services.AddSingleton<ICommandHandler, QuestionsCommand>();
        services.AddSingleton<ICommandHandler, ImportQuestionsCommand>();
        services.AddSingleton<ICommandHandler, SuggestCommand>();
        services.AddSingleton<ICommandHandler, PrivacyCommand>();
        services.AddSingleton<ICommandHandler, MyDataCommand>();
        services.AddSingleton<ICommandHandler, ForgetMeCommand>();
        services.AddSingleton<ICommandHandler, MilestonesCommand>();
        return services;
    }
}
