using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.Actions;
using StudyBot.Core.Answers;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Learning;
using StudyBot.Core.Notices;
using StudyBot.Core.Privacy;
using StudyBot.Core.Questions;
using StudyBot.Core.Reminders;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;

namespace StudyBot.Core.Tests.Fakes;

/// <summary>
/// Core as the host wires it (<see cref="ServiceCollectionExtensions.AddStudyBotCore"/>), with in-memory ports and a
/// fake clock. <paramref name="configure"/> may replace a registration, e.g. with a port that throws.
/// </summary>
internal sealed class CoreHost : IDisposable
{
    /// <summary>The platform of <see cref="ServerId"/>, which <see cref="Sender"/> posts for.</summary>
    public const string Platform = "discord";

    public const string ServerId = Platform + ":1100000000000000001";

    private readonly ServiceProvider provider;

    public CoreHost(DateTimeOffset now, Action<IServiceCollection>? configure = null)
    {
        Time = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddStudyBotCore(TestGuide.Content);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IMemberStore>(Members);
        services.AddSingleton<IServerStore>(Servers);
        services.AddSingleton<IDailyPostStore>(Posts);
        services.AddSingleton<IMemberNoticeStore>(Notices);
        services.AddSingleton<IRatingStore>(Ratings);
        services.AddSingleton<IServerQuestionStore>(Questions);
        services.AddSingleton<IStreakLedger>(Ledger);
        services.AddSingleton<IMemberDataPart>(Members);
        services.AddSingleton<IMemberDataPart>(Ledger);
        services.AddSingleton<IReminderStore>(Reminders);
        services.AddSingleton<IReminderSender>(ReminderSender);
        services.AddSingleton<IDailyPostSender>(Sender);
        services.AddSingleton<IDailyScheduleRegistry>(Registry);
        services.AddSingleton(Options.Create(new StreakOptions()));
        services.AddSingleton(Options.Create(new DailyQuestionOptions()));
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        configure?.Invoke(services);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    public InMemoryMemberStore Members { get; } = new();

    public InMemoryServerStore Servers { get; } = new();

    public InMemoryDailyPostStore Posts { get; } = new();

    public InMemoryMemberNoticeStore Notices { get; } = new();

    public InMemoryRatingStore Ratings { get; } = new();
    public InMemoryServerQuestionStore Questions { get; } = new();
    public InMemoryStreakLedger Ledger { get; } = new();
    public InMemoryReminderStore Reminders { get; } = new();

    public RecordingReminderSender ReminderSender { get; } = new(Platform);

    public RecordingDailyPostSender Sender { get; } = new(Platform);

    public RecordingScheduleRegistry Registry { get; } = new();

    public CommandDispatcher Dispatcher => provider.GetRequiredService<CommandDispatcher>();

    public IServiceProvider Services => provider;

    public DailyQuestionService Daily => provider.GetRequiredService<DailyQuestionService>();

    public StreakService Streaks => provider.GetRequiredService<StreakService>();

    public ReminderService ReminderService => provider.GetRequiredService<ReminderService>();

    public AnswerFlow Flow => provider.GetRequiredService<AnswerFlow>();

    public ActionDispatcher Actions => provider.GetRequiredService<ActionDispatcher>();

    public static MemberContext Member(string memberId = "7", string name = "Ada", bool admin = false, string? interactionId = null) =>
        new(ServerId, memberId, name, admin, interactionId);

    public static MemberContext Admin => Member("9", "Grace", admin: true);

    public Task<Reply> RunAsync(string command, MemberContext? member = null, params (string Name, string Value)[] options) =>
        Dispatcher.DispatchAsync(
            new CommandInvocation(command, options.ToDictionary(o => o.Name, o => o.Value), member ?? Member()),
            CancellationToken.None);

    public void Dispose() => provider.Dispose();
}
