using System.Text.Json.Nodes;
using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>A broken content file stops loading with the file, the place and what is wrong.</summary>
public sealed class ContentValidationTests : IDisposable
{
    private readonly BrokenContentDirectory _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public void Load_UnbrokenCopy_Succeeds()
    {
        Assert.Equal(80, ContentLoader.Load(_content.Path).Questions.Count);
    }

    [Fact]
    public void Load_MissingFile_ReportsFileNotFound()
    {
        _content.Delete("salary.json");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal("salary.json", ex.FileName);
        Assert.Equal(Path.GetFullPath(_content.Path), ex.Location);
        Assert.Equal("file not found", ex.Problem);
    }

    [Fact]
    public void Load_MissingDirectory_ReportsDirectoryNotFound()
    {
        var missing = Path.Combine(_content.Path, "no-such-folder");

        var ex = Assert.Throws<ContentException>(() => ContentLoader.Load(missing));

        Assert.Equal(("role.json", missing, "directory not found"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_JsonSyntaxError_ReportsLineAndPosition()
    {
        var lines = _content.ReadText("roadmap.json").Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"totalDuration\":", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("\"totalDuration\":", "\"totalDuration\"", StringComparison.Ordinal);
        _content.WriteText("roadmap.json", string.Join('\n', lines));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal("roadmap.json", ex.FileName);
        Assert.StartsWith($"line {line + 1}, position ", ex.Location, StringComparison.Ordinal);
        Assert.StartsWith("invalid JSON: ", ex.Problem, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void Load_DuplicateQuestionId_ReportsSecondOccurrence()
    {
        _content.Edit("questions.json", root => root[41]!["id"] = 41);

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("questions.json", "$[41].id", "duplicate id 41 (also at $[40])"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_QuestionIdOutOfRange_ReportsTheGap()
    {
        _content.Edit("questions.json", root => root[79]!["id"] = 81);

        var ex = _content.LoadExpectingFailure();

        Assert.Equal("$[79].id", ex.Location);
        Assert.Equal("id 81 is out of range: with 80 items they run from 1 to 80", ex.Problem);
    }

    [Fact]
    public void Load_UnknownCategory_ReportsKeyAndExpectedKeys()
    {
        _content.Edit("questions.json", root => root[41]!["category"] = "foo");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(
            "questions.json: $[41].category: unknown category 'foo' (expected one of: system-design, best-practices, software-engineering, algorithms)",
            ex.Message);
    }

    [Fact]
    public void Load_EmptyQuestionText_ReportsEmptyText()
    {
        _content.Edit("questions.json", root => root[9]!["text"] = "  ");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("questions.json", "$[9].text", "text must not be empty"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_MissingQuestionTopic_ReportsMissingValue()
    {
        _content.Edit("questions.json", root => root[3]!.AsObject().Remove("topic"));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("questions.json", "$[3].topic", "required value is missing"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_MissingSalaryRegionRange_ReportsLevelAndRegion()
    {
        _content.Edit("salary.json", root => root["levels"]![1]!["ranges"]!.AsObject().Remove("europe"));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("salary.json", "$.levels[1].ranges", "missing range for region 'europe'"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_PhaseMinAboveMax_ReportsBothValues()
    {
        _content.Edit("roadmap.json", root => root["phases"]![1]!["minMonths"] = 5);

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("roadmap.json", "$.phases[1].minMonths", "minMonths (5) is greater than maxMonths (4)"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_DuplicateCloudKey_ReportsBothPlaces()
    {
        _content.Edit("cloud.json", root => root[2]!["key"] = "aws");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("cloud.json", "$[2].key", "duplicate key 'aws' (also at $[0].key)"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_WrongValueType_ReportsPathOfTheValue()
    {
        _content.Edit("questions.json", root => root[5]!["id"] = "six");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("questions.json", "$[5].id", "value has the wrong type"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_MisspeltProperty_ReportsIt()
    {
        _content.Edit("skills.json", root => root["ml"]!.AsObject().Add("sharePercentage", 30));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("skills.json", "$.ml.sharePercentage", "unknown property (check its spelling)"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_DuplicateProperty_ReportsItsPath()
    {
        var text = _content.ReadText("role.json");
        _content.WriteText("role.json", text.Replace("\"summary\":", "\"summary\": \"first\", \"summary\":", StringComparison.Ordinal));

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("role.json", "$.summary", "duplicate property"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_EmptyFile_ReportsEmptyFile()
    {
        _content.WriteText("languages.json", "");

        var ex = _content.LoadExpectingFailure();

        Assert.Equal(("languages.json", "$", "the file is empty"), (ex.FileName, ex.Location, ex.Problem));
    }

    [Fact]
    public void Load_AnyProblem_MessageIsOneLine()
    {
        _content.WriteText("role.json", "{\n  \"summary\": \n}");

        var ex = _content.LoadExpectingFailure();

        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal($"{ex.FileName}: {ex.Location}: {ex.Problem}", ex.Message);
    }
}
