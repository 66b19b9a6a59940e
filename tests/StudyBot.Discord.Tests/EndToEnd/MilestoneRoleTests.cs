using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Daily;
using StudyBot.Core.Streaks;
using StudyBot.Discord.Milestones;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Discord.Tests.EndToEnd;

/// <summary>
/// Milestone roles through the real host and the fake Discord: /milestones takes a role option (type 8); a member whose
/// streak reaches 7 with today's answer gets the role over PUT /guilds/…/roles/…, and loses it when their next
/// interaction shows the streak broken; a 403 pauses the feature with the reason in /schedule show.
/// </summary>
public sealed class MilestoneRoleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const string Role7 = "1380000000000000707";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-milestones-");
    private FakeDiscord fake = null!;

    private string Guild => fake.Interactions.GuildId;

    private string User => fake.Interactions.UserId;

    public async Task InitializeAsync() => fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private IHost BuildHost(RunningClock clock) =>
        StudyBotHost.Build(
            [
                $"--Storage:Path={Path.Combine(folder.FullName, "studybot.db")}",
                $"--Discord:Token={fake.Token}",
                $"--Discord:ApiBaseUrl={fake.ApiBaseUrl}",
                $"--Discord:DevGuildId={Guild}",

                // One event at a time: an interaction's role sync (after its reply) is done before the next is handled.
                "--Discord:MaxConcurrentEvents=1",
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock.Time);
                builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
            });

    private async Task<JsonObject> AnsweredAsync(JsonObject interaction)
    {
        var dispatched = await fake.DispatchInteractionAsync(interaction);
        var id = dispatched.Id;
        await fake.WaitForRequestAsync(r => r.Path.StartsWith($"/interactions/{id}/", StringComparison.Ordinal), Wait);
        return fake.Interaction(id)!.Callbacks[0];
    }

    private static string Text(JsonObject callback) =>
        string.Join('\n', callback["data"]?["embeds"]?.AsArray().Select(e => $"{e!["title"]}\n{e["description"]}\n{string.Join('\n', e["fields"]?.AsArray().Select(f => f!["value"]) ?? [])}") ?? []);

    private Task<JsonObject> AdminAsync(string command, params (string Name, int Type, JsonNode? Value)[] options)
    {
        var member = fake.Interactions.Permissions;
        fake.Interactions.Permissions = "32";
        var interaction = fake.Interactions.SlashCommand(command, options);
        fake.Interactions.Permissions = member;
        return AnsweredAsync(interaction);
    }

    /// <summary>Set up at 09:00 UTC, with six answered days (each with its posted question) before today and today's question posted.</summary>
    private async Task SixDaysThenTodaysPostAsync(IHost host)
    {
        var registration = await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Wait);
        var milestones = registration.Json!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "milestones")!;
        Assert.Equal(8, milestones["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "role")!["type"]!.GetValue<int>());
        await AdminAsync("setup", ("channel", 7, fake.Interactions.ChannelId), ("time", 3, "09:00"), ("timezone", 3, "UTC"));
        await AdminAsync("schedule", ("action", 3, "show"), ("freezes", 4, 0));

        var serverId = "discord:" + Guild;
        var posts = host.Services.GetRequiredService<IDailyPostStore>();
        var members = host.Services.GetRequiredService<IMemberStore>();
        for (var day = Today.AddDays(-6); day < Today; day = day.AddDays(1))
        {
            var at = new DateTimeOffset(day, new TimeOnly(9, 0), TimeSpan.Zero);
            await posts.ClaimAsync(new DailySlot(serverId, day, DailySlotStatus.Sent, 40 + day.Day % 10, 0, $"n{day:yyyyMMdd}", "1", at, at), default);
            await members.RecordAnswerAsync(new AnswerRecord(serverId, User, "Ada", day, "UTC", null, 40 + day.Day % 10, AnswerSource.AnswerCommand, at.AddHours(1)), default);
        }

        await AdminAsync("schedule", ("action", 3, "post-now"));
    }

    [Fact]
    public async Task StreakReachesSeven_RoleGranted_ThenBroken_RoleRemoved()
    {
        await using var clock = new RunningClock(new DateTimeOffset(Today, new TimeOnly(10, 0), TimeSpan.Zero));
        using var host = BuildHost(clock);
        await host.StartAsync();
        await SixDaysThenTodaysPostAsync(host);
        var set = await AdminAsync("milestones", ("action", 3, "set"), ("days", 4, 7), ("role", 8, Role7));
        Assert.Contains("streak reaches 7 days", Text(set), StringComparison.Ordinal);

        var answer = await AnsweredAsync(fake.Interactions.SlashCommand("answer", ("text", 3, "Two-tower retrieval, then a ranker trained on watch time.")));
        var granted = await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.Contains("/roles/", StringComparison.Ordinal), Wait);
        Assert.Contains("Streak 7", Text(answer), StringComparison.Ordinal);
        Assert.Equal($"/guilds/{Guild}/members/{User}/roles/{Role7}", granted.Path);
        Assert.True(fake.HasRole(Guild, User, Role7));

        // Tomorrow's question goes unanswered; the morning after, the member's /streak (with the role) finds it broken.
        fake.Interactions.Roles.Add(Role7);
        clock.JumpTo(new DateTimeOffset(Today.AddDays(1), new TimeOnly(9, 30), TimeSpan.Zero));
        await AdminAsync("schedule", ("action", 3, "post-now"));
        clock.JumpTo(new DateTimeOffset(Today.AddDays(2), new TimeOnly(8, 0), TimeSpan.Zero));
        await AnsweredAsync(fake.Interactions.SlashCommand("streak"));
        var removed = await fake.WaitForRequestAsync(r => r.Method == "DELETE" && r.Path.Contains("/roles/", StringComparison.Ordinal), Wait);
        await host.StopAsync();

        Assert.Equal($"/guilds/{Guild}/members/{User}/roles/{Role7}", removed.Path);
        Assert.False(fake.HasRole(Guild, User, Role7));
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task StreakBroken_MemberNeverComesBack_TheNextScheduledPostTakesTheRole()
    {
        await using var clock = new RunningClock(new DateTimeOffset(Today, new TimeOnly(10, 0), TimeSpan.Zero));
        using var host = BuildHost(clock);
        await host.StartAsync();
        await SixDaysThenTodaysPostAsync(host);
        await AdminAsync("milestones", ("action", 3, "set"), ("days", 4, 7), ("role", 8, Role7));
        await AnsweredAsync(fake.Interactions.SlashCommand("answer", ("text", 3, "Two-tower retrieval, then a ranker trained on watch time.")));
        await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.Contains("/roles/", StringComparison.Ordinal), Wait);

        // Tomorrow's question goes unanswered and the member is never heard from again: the day after's scheduled
        // post (09:00 UTC) finds the streak broken and takes the role.
        clock.JumpTo(new DateTimeOffset(Today.AddDays(1), new TimeOnly(9, 30), TimeSpan.Zero));
        await AdminAsync("schedule", ("action", 3, "post-now"));
        var postsBefore = fake.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));
        clock.JumpTo(new DateTimeOffset(Today.AddDays(2), new TimeOnly(8, 59, 50), TimeSpan.Zero));
        var removed = await fake.WaitForRequestAsync(r => r.Method == "DELETE" && r.Path.Contains("/roles/", StringComparison.Ordinal), Wait);
        var postsAfter = fake.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));
        await host.StopAsync();

        Assert.True(postsAfter > postsBefore);
        Assert.Equal($"/guilds/{Guild}/members/{User}/roles/{Role7}", removed.Path);
        Assert.False(fake.HasRole(Guild, User, Role7));
        Assert.Empty(fake.SpecViolations);
    }

    [Fact]
    public async Task RolesForbidden_PausesWithTheReasonInScheduleShow_AndStopsCalling()
    {
        await using var clock = new RunningClock(new DateTimeOffset(Today, new TimeOnly(10, 0), TimeSpan.Zero));
        using var host = BuildHost(clock);
        await host.StartAsync();
        await SixDaysThenTodaysPostAsync(host);
        await AdminAsync("milestones", ("action", 3, "set"), ("days", 4, 3), ("role", 8, Role7));
        fake.ForbidRoles(Guild);

        await AnsweredAsync(fake.Interactions.SlashCommand("streak"));
        var refused = await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.Contains("/roles/", StringComparison.Ordinal), Wait);
        var show = await AdminAsync("schedule", ("action", 3, "show"));
        await AnsweredAsync(fake.Interactions.SlashCommand("streak"));
        var list = await AdminAsync("milestones", ("action", 3, "list"));
        await host.StopAsync();

        Assert.Equal(403, refused.ResponseStatus);
        var field = show["data"]!["embeds"]![0]!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "Milestone roles")!;
        Assert.Contains("Paused: " + DiscordMemberRoleSync.ForbiddenDetail, field["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Paused", Text(list), StringComparison.Ordinal);
        Assert.Single(fake.Requests, r => r.Path.Contains("/roles/", StringComparison.Ordinal));
        Assert.Empty(fake.SpecViolations);
    }
}
