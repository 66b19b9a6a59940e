using StudyBot.Core.Content;
using StudyBot.Core.Questions;

namespace StudyBot.Core.Tests.Questions;

public class QuestionImportTests
{
    [Fact]
    public void Parse_JsonWithGoodAndBadRows_KeepsTheGoodAndNamesEachBadRowsLine()
    {
        const string json = """
            [
              {
                "text": "How would you design a real-time fraud scoring service?",
                "category": "system-design",
                "points": ["Latency budget under 50 ms", "Features from a streaming store", "Fallback rules when the model is down"],
                "pitfalls": "Training on features unavailable at serving time"
              },
              { "text": "Too short", "category": "algorithms" },
              { "text": "Explain how gradient boosting differs from bagging.", "category": "statistics" },
              { "text": "Explain how you would version datasets for training.", "category": "best-practices", "points": "only one point" },
              { "text": "Walk through the bias-variance trade-off with an example.", "category": "Algorithms", "colour": "red" },
              { "text": "Walk through the bias-variance trade-off with an example.", "category": "algorithms" }
            ]
            """;

        var parsed = QuestionImport.Parse(json);

        Assert.Null(parsed.Problem);
        Assert.Equal([2, 12], parsed.Rows.Select(r => r.Line));
        var first = parsed.Rows[0].Draft;
        Assert.Equal(QuestionCategory.SystemDesign, first.Category);
        Assert.Equal(["Latency budget under 50 ms", "Features from a streaming store", "Fallback rules when the model is down"], first.KeyPoints);
        Assert.Equal(["Training on features unavailable at serving time"], first.Pitfalls);
        Assert.Equal(QuestionCategory.Algorithms, parsed.Rows[1].Draft.Category);
        Assert.Equal(
            [
                (8, "The question text needs at least 15 characters (it has 9)."),
                (9, "'statistics' is not a category. Use one of: system-design, best-practices, software-engineering, algorithms."),
                (10, "Give 3–6 key points separated by '|', or none (there are 1)."),
                (11, "Unknown field 'colour'; use text, category, points, pitfalls."),
            ],
            parsed.Refused.Select(r => (r.Line, r.Reason)));
    }

    [Fact]
    public void Parse_JsonObjectWithQuestionsArray_IsRead()
    {
        var parsed = QuestionImport.Parse("""{"questions": [{"text": "What does a feature store give you?", "category": "best-practices"}]}""");

        Assert.Null(parsed.Problem);
        Assert.Equal("What does a feature store give you?", Assert.Single(parsed.Rows).Draft.Text);
    }

    [Fact]
    public void Parse_CsvWithGoodAndBadRows_KeepsTheGoodAndNamesEachBadRowsLine()
    {
        const string csv = """
            text,category,points,pitfalls
            "How do you serve a model behind an API, with autoscaling?",system-design,"Stateless replicas | Batch requests on GPU | Health checks and canaries",Scaling on CPU alone
            Short,algorithms,,
            "A question that spans
            two lines, still one row",software-engineering,,
            What is a good offline metric for ranking?,sciences,,
            What is a good offline metric for ranking?,algorithms,a | b,
            How would you test a data pipeline end to end?,best-practices
            """;

        var parsed = QuestionImport.Parse(csv);

        Assert.Null(parsed.Problem);
        Assert.Equal([2, 4], parsed.Rows.Select(r => r.Line));
        Assert.Equal("How do you serve a model behind an API, with autoscaling?", parsed.Rows[0].Draft.Text);
        Assert.Equal(3, parsed.Rows[0].Draft.KeyPoints.Count);
        Assert.Equal("A question that spans\ntwo lines, still one row", parsed.Rows[1].Draft.Text.ReplaceLineEndings("\n"));
        Assert.Equal([3, 6, 7, 8], parsed.Refused.Select(r => r.Line));
        Assert.StartsWith("The question text needs at least", parsed.Refused[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("'sciences' is not a category", parsed.Refused[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Give 3–6 key points", parsed.Refused[2].Reason, StringComparison.Ordinal);
        Assert.Equal("2 cells where the header has 4; quote a cell holding a comma.", parsed.Refused[3].Reason);
    }

    [Fact]
    public void Parse_CsvColumnsInAnyOrder_WithoutOptionalOnes()
    {
        var parsed = QuestionImport.Parse("category,text\nalgorithms,\"Explain dropout, and when it hurts.\"\n");

        var row = Assert.Single(parsed.Rows);
        Assert.Equal("Explain dropout, and when it hurts.", row.Draft.Text);
        Assert.Empty(row.Draft.KeyPoints);
    }

    [Theory]
    [InlineData("", "The import is empty.")]
    [InlineData("   \n  ", "The import is empty.")]
    [InlineData("[{\"text\": \"x\",", "The JSON is malformed near line 1.")]
    [InlineData("[\n{\"text\": \"unterminated}\n]", "The JSON is malformed near line")]
    [InlineData("{\"text\": \"Not in an array at all, sadly.\"}", "The JSON must be an array")]
    [InlineData("question,category\nWhat is X?,algorithms", "The CSV's first line must name its columns")]
    [InlineData("text,text,category\na,b,c", "The CSV's first line must name its columns")]
    [InlineData("text,category\n\"Never closed,algorithms", "Line 2: a quoted cell is never closed.")]
    [InlineData("text,category\nSay \"hi\" here,algorithms", "Line 2: a quote inside an unquoted cell.")]
    public void Parse_MalformedFile_OneClearLineAndNoRows(string data, string expected)
    {
        var parsed = QuestionImport.Parse(data);

        Assert.NotNull(parsed.Problem);
        Assert.StartsWith(expected, parsed.Problem, StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
        Assert.Empty(parsed.Refused);
    }

    [Fact]
    public void Parse_MoreRowsThanTheCap_IsRefusedWhole()
    {
        var csv = "text,category\n" + string.Concat(Enumerable.Range(1, QuestionImport.MaxRows + 1).Select(i => $"Generated question number {i}?,algorithms\n"));

        var parsed = QuestionImport.Parse(csv);

        Assert.Equal($"The import has {QuestionImport.MaxRows + 1} rows; the most at a time is {QuestionImport.MaxRows}. Split it into smaller files.", parsed.Problem);
    }

    [Fact]
    public void Parse_ExactlyTheCap_IsRead()
    {
        var json = "[" + string.Join(',', Enumerable.Range(1, QuestionImport.MaxRows).Select(i => $"{{\"text\":\"Generated question number {i}?\",\"category\":\"algorithms\"}}")) + "]";

        var parsed = QuestionImport.Parse(json);

        Assert.Null(parsed.Problem);
        Assert.Equal(QuestionImport.MaxRows, parsed.Rows.Count);
    }

    [Fact]
    public void Parse_LargerThanTheSizeCap_IsRefusedWhole()
    {
        var parsed = QuestionImport.Parse("text,category\n" + new string('x', QuestionImport.MaxChars));

        Assert.StartsWith("The import is too large", parsed.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BinaryGarbage_IsAClearLineNotAnException()
    {
        var parsed = QuestionImport.Parse("\0\u0001\u0002PK\u0003\u0004garbage");

        Assert.NotNull(parsed.Problem);
        Assert.Empty(parsed.Rows);
    }
}
