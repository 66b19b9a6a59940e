using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Daily;
using StudyBot.Core.Questions;
using StudyBot.Core.Servers;
using StudyBot.Core.Tests.Fakes;

namespace StudyBot.Core.Tests.Daily;

/// <summary>The server's own questions in its daily rotation, for each <see cref="QuestionSource"/>.</summary>
public sealed class OwnQuestionRotationTests : IDisposable
{
    // 10:00 in Berlin, after the 09:00 post time.
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private readonly CoreHost host = new(Start);

    public void Dispose() => host.Dispose();

    private async Task ConfigureAsync(QuestionSource source) =>
        await host.Servers.SaveAsync(new ServerSettings(CoreHost.ServerId, "daily", new TimeOnly(9, 0), "Europe/Berlin", null, false, null, Start.AddDays(-1), source), default);

    private async Task<IReadOnlyList<OwnQuestion>> AddOwnAsync(int count)
    {
        var categories = QuestionCategories.All;
        var drafts = Enumerable.Range(1, count)
            .Select(i => new OwnQuestionDraft($"The server's own interview question number {i}?", categories[i % categories.Count], [], []))
            .ToList();
        return await host.Questions.AddAsync(CoreHost.ServerId, drafts, "admin", Start, default);
    }

    // Posts one question a day for the given number of days; the ids posted, in order.
    private async Task<List<int>> PostDaysAsync(int days)
    {
        var ids = new List<int>();
        for (var day = 0; day < days; day++)
        {
            var result = await host.Daily.PostNowAsync(CoreHost.ServerId, default);
            Assert.Equal(DailyRunOutcome.Posted, result.Outcome);
            ids.Add(result.Slot!.QuestionId!.Value);
            host.Time.Advance(TimeSpan.FromDays(1));
        }

        return ids;
    }

    [Fact]
    public async Task Both_OneCycle_AsksEveryGuideAndOwnQuestionOnce()
    {
        await ConfigureAsync(QuestionSource.Both);
        var own = await AddOwnAsync(4);

        var posted = await PostDaysAsync(TestGuide.Content.Questions.Count + own.Count);

        Assert.Equal(posted.Count, posted.Distinct().Count());
        Assert.Superset(own.Select(q => q.Id).ToHashSet(), posted.ToHashSet());
        Assert.Superset(TestGuide.Content.Questions.Select(q => q.Id).ToHashSet(), posted.ToHashSet());
    }

    [Fact]
    public async Task Both_OwnQuestionPosted_CarriesItsTextAndCategory()
    {
        await ConfigureAsync(QuestionSource.Own);
        var own = await AddOwnAsync(1);

        await PostDaysAsync(1);

        var post = Assert.Single(host.Sender.Sent);
        Assert.Equal(own[0].Id, post.Question.Id);
        Assert.Equal(own[0].Text, post.Question.Text);
        Assert.Equal(own[0].Category, post.Question.Category);
    }

    [Fact]
    public async Task Guide_NeverPostsOwnQuestions()
    {
        await ConfigureAsync(QuestionSource.Guide);
        await AddOwnAsync(5);

        var posted = await PostDaysAsync(20);

        Assert.All(posted, id => Assert.False(QuestionCatalog.IsOwnId(id)));
    }

    [Fact]
    public async Task Own_PostsOnlyOwnQuestions_EachOncePerCycle()
    {
        await ConfigureAsync(QuestionSource.Own);
        var own = await AddOwnAsync(3);

        var posted = await PostDaysAsync(6);

        Assert.All(posted, id => Assert.True(QuestionCatalog.IsOwnId(id)));
        Assert.Equal(own.Select(q => q.Id).Order(), posted.Take(3).Order());
        Assert.Equal(own.Select(q => q.Id).Order(), posted.Skip(3).Order());
    }

    [Fact]
    public async Task Own_WithNoActiveQuestion_FallsBackToTheGuide()
    {
        await ConfigureAsync(QuestionSource.Own);
        var own = await AddOwnAsync(1);
        await host.Questions.UpdateAsync(own[0] with { Retired = true }, default);

        var posted = await PostDaysAsync(2);

        Assert.All(posted, id => Assert.False(QuestionCatalog.IsOwnId(id)));
    }

    [Fact]
    public async Task Retire_LeavesTheRotation_ButThePastPostStillAnswers()
    {
        await ConfigureAsync(QuestionSource.Own);
        await AddOwnAsync(3);
        var first = (await host.Daily.PostNowAsync(CoreHost.ServerId, default)).Slot!.QuestionId!.Value;

        var retired = await host.RunAsync("questions", CoreHost.Admin, ("action", "retire"), ("id", first.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var latest = await host.Daily.GetLatestPostedAsync(CoreHost.ServerId, default);
        var answer = await host.RunAsync("answer", CoreHost.Member(), ("text", "Shard by key, replicate reads, and measure p99 latency first."));
        host.Time.Advance(TimeSpan.FromDays(1));
        var later = await PostDaysAsync(6);

        Assert.Equal(ReplyTone.Success, retired.Tone);
        Assert.Equal(first, latest!.Value.Question.Id);
        Assert.Equal("Answer counted", answer.Title);
        Assert.Equal(first, Assert.Single(host.Members.Answers).QuestionId);
        Assert.DoesNotContain(first, later);
        Assert.Equal(2, later.Distinct().Count());
    }

    [Fact]
    public async Task Retire_AClaimNotSentYet_IsChosenAgain()
    {
        await ConfigureAsync(QuestionSource.Own);
        await AddOwnAsync(2);
        host.Sender.FailNext(DailyPostOutcome.TransientFailure, "503");
        var failed = await host.Daily.PostNowAsync(CoreHost.ServerId, default);
        var claimed = failed.Slot!.QuestionId!.Value;

        await host.Questions.UpdateAsync((await host.Questions.GetAsync(CoreHost.ServerId, claimed, default))! with { Retired = true }, default);
        var retry = await host.Daily.PostNowAsync(CoreHost.ServerId, default);

        Assert.Equal(DailyRunOutcome.Failed, failed.Outcome);
        Assert.Equal(DailyRunOutcome.Posted, retry.Outcome);
        Assert.NotEqual(claimed, retry.Slot!.QuestionId);
        Assert.True(QuestionCatalog.IsOwnId(retry.Slot.QuestionId!.Value));
    }

    [Fact]
    public async Task AnswerButton_OnAnOwnQuestion_OpensItsForm()
    {
        await ConfigureAsync(QuestionSource.Own);
        var own = await AddOwnAsync(1);
        await PostDaysAsync(1);

        var form = host.Flow.OpenForm(DailyPostReply.AnswerActionPrefix + own[0].Id);

        Assert.Equal(own[0].Id, form!.QuestionId);
    }
}
