using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StudyBot.Core.Streaks;
using StudyBot.Discord.Tests.Fake;
using StudyBot.Testing;
using StudyBot.Worker.Hosting;
using Xunit.Abstractions;

namespace StudyBot.Discord.Tests.EndToEnd;

/// <summary>
/// /my-data on Discord through the real host: the JSON export is uploaded as a file (multipart: payload_json plus
/// files[0]) with the private reply, also when it is far too large for an embed; the fake reads the multipart body as
/// Discord does and checks payload_json against the spec.
/// </summary>
public sealed class MyDataUploadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("studybot-mydata-");
    private FakeDiscord fake = null!;

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
                $"--Discord:DevGuildId={fake.Interactions.GuildId}",
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock.Time);
                builder.Logging.AddProvider(new TestOutputLoggerProvider(output));
            });

    [Fact]
    public async Task MyData_MemberWithManyDays_GetsAJsonFileHoldingEveryDay()
    {
        await using var clock = new RunningClock(Now);
        using var host = BuildHost(clock);
        await host.StartAsync();
        await fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Wait);

        // 200 answered days: the export is far larger than one embed could show.
        var members = host.Services.GetRequiredService<IMemberStore>();
        var serverId = "discord:" + fake.Interactions.GuildId;
        var first = new DateOnly(2026, 5, 1);
        var days = Enumerable.Range(0, 200).Select(first.AddDays).ToList();
        foreach (var day in days)
        {
            await members.RecordAnswerAsync(
                new AnswerRecord(serverId, fake.Interactions.UserId, "Ada", day, "UTC", null, 1, AnswerSource.AnswerCommand, new DateTimeOffset(day, new TimeOnly(9, 30), TimeSpan.Zero)),
                CancellationToken.None);
        }

        var dispatched = await fake.DispatchInteractionAsync(fake.Interactions.SlashCommand("my-data"));
        var callback = await fake.WaitForRequestAsync(r => r.Path.StartsWith($"/interactions/{dispatched.Id}/", StringComparison.Ordinal), Wait);
        await host.StopAsync();

        Assert.True(callback.IsMultipart);
        Assert.Equal(204, callback.ResponseStatus);
        var file = Assert.Single(callback.Files);
        Assert.Equal(0, file.Index);
        Assert.StartsWith("application/json", file.ContentType, StringComparison.Ordinal);
        var data = callback.Json!["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>());
        Assert.Equal(file.FileName, data["attachments"]![0]!["filename"]!.GetValue<string>());
        Assert.DoesNotContain("```", data["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        // What the member downloads: the message's attachment, from the CDN, parses and holds every day.
        var original = fake.Interaction(dispatched.Id)!.Original!;
        var attachment = original["attachments"]![0]!;
        Assert.Equal(file.FileName, attachment["filename"]!.GetValue<string>());
        var export = JsonNode.Parse(fake.AttachmentContent(attachment["url"]!.GetValue<string>())!)!;
        Assert.Equal(serverId, export["server"]!.GetValue<string>());
        var exported = export["data"]!.AsObject()
            .SelectMany(part => part.Value?["activeDays"]?.AsArray() ?? [])
            .Select(d => d!["date"]!.ToString())
            .ToHashSet();
        Assert.True(file.Content.Length > 6000, $"the export has {file.Content.Length} bytes");
        Assert.All(days, d => Assert.Contains(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), exported));
        Assert.Empty(fake.SpecViolations);
    }

}
