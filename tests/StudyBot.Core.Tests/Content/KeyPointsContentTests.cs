using System.Text.Json.Nodes;
using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>key-points.json: every guide question has 3–6 key points and 1–2 pitfalls, short, non-empty, none repeated.</summary>
public sealed class KeyPointsContentTests : IDisposable
{
    private static readonly GuideContent Real = ContentLoader.Load(TestContent.ContentDirectory);

    private readonly BrokenContentDirectory _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public void Load_RealContent_EveryQuestionHasKeyPointsWithinTheRules()
    {
        Assert.Equal(Real.Questions.Select(q => q.Id), Real.KeyPoints.Select(k => k.QuestionId));
        Assert.All(Real.KeyPoints, k =>
        {
            Assert.InRange(k.Points.Count, 3, 6);
            Assert.InRange(k.Pitfalls.Count, 1, 2);
            var all = k.Points.Concat(k.Pitfalls).ToList();
            Assert.All(all, text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.All(all, text => Assert.True(text.Length <= 200, $"Q{k.QuestionId}: {text.Length} characters: {text}"));
            Assert.Equal(all.Count, all.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        });
    }

    [Fact]
    public void Load_RealContent_KeyPointsNameTheTechnique()
    {
        // The issue's own example of a specific point, for question 1 (YouTube recommendations).
        Assert.Contains(Real.FindKeyPoints(1)!.Points, p => p.Contains("candidate generation", StringComparison.OrdinalIgnoreCase));
        Assert.Null(Real.FindKeyPoints(81));
    }

    [Fact]
    public void Load_MissingKeyPointsFile_ReportsFileNotFound()
    {
        _content.Delete(ContentLoader.KeyPointsFile);

        var ex = _content.LoadExpectingFailure();

        Assert.Equal((ContentLoader.KeyPointsFile, "file not found"), (ex.FileName, ex.Problem));
    }

    [Fact]
    public void Load_QuestionWithoutKeyPoints_NamesIt()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root.AsArray().RemoveAt(79));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal((ContentLoader.KeyPointsFile, "$", "questions without key points: 80"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_TooFewPoints_ReportsTheCountAndTheRule()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[4]!["points"] = new JsonArray("One.", "Two."));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[4].points", "2 key points; each question needs 3 to 6"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_TooManyPoints_ReportsTheCountAndTheRule()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[0]!["points"] = new JsonArray("1", "2", "3", "4", "5", "6", "7"));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[0].points", "7 key points; each question needs 3 to 6"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_ThreePitfalls_ReportsTheRule()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[2]!["pitfalls"] = new JsonArray("a", "b", "c"));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[2].pitfalls", "3 pitfalls; each question needs 1 to 2"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_NoPitfalls_ReportsAnEmptyList()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[2]!["pitfalls"] = new JsonArray());

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[2].pitfalls", "list must not be empty"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_PointOver200Characters_ReportsItsLength()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[9]!["points"]![1] = new string('x', 201));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[9].points[1]", "201 characters; at most 200"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_EmptyPoint_ReportsIt()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[3]!["pitfalls"]![0] = "  ");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[3].pitfalls[0]", "text must not be empty"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_DuplicatePoint_ReportsBothPlaces()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[6]!["pitfalls"]![0] = root[6]!["points"]![2]!.GetValue<string>());

        var ex = _content.LoadExpectingFailure();

        Assert.Equal("$[6].pitfalls[0]", ex.Location);
        Assert.StartsWith("duplicate point '", ex.Problem, StringComparison.Ordinal);
        Assert.EndsWith("(also at $[6].points[2])", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownQuestionId_ReportsIt()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[79]!["id"] = 81);

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[79].id", "there is no question 81 in questions.json"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_DuplicateId_ReportsTheSecond()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[11]!["id"] = 11);

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[11].id", "duplicate id '11' (also at $[10].id)"), (ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_MisspeltProperty_ReportsIt()
    {
        _content.Edit(ContentLoader.KeyPointsFile, root => root[0]!["pitfals"] = new JsonArray("x"));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("$[0].pitfals", "unknown property (check its spelling)"), (ex.Location, ex.Problem));
    }
}
