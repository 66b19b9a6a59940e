using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public class CommandLineParserTests
{
    private static readonly CommandDefinition[] Definitions =
    [
        new("roadmap", "Roadmap", [new CommandOption("phase", "A phase number", OptionKind.WholeNumber, MinValue: 1, MaxValue: 4)]),
        new("question", "Question",
        [
            new CommandOption("category", "A category", OptionKind.Choice, Choices: [new OptionChoice("system-design", "System design"), new OptionChoice("algorithms", "ML algorithms")]),
            new CommandOption("id", "A question id", OptionKind.WholeNumber, MinValue: 1, MaxValue: 80),
        ]),
        new("salary", "Salary",
        [
            new CommandOption("level", "Level", OptionKind.Choice, Choices: [new OptionChoice("entry", "Entry"), new OptionChoice("senior", "Senior")]),
            new CommandOption("region", "Region", OptionKind.Choice, Choices: [new OptionChoice("india", "India"), new OptionChoice("usa", "USA")]),
        ]),
        new("answer", "Answer", [new CommandOption("text", "Your answer", OptionKind.Text, Required: true)]),
        new("streak", "Streak", [new CommandOption("member", "Whose streak", OptionKind.Member)]),
        new("help", "Help", []),
        new("import", "Import", [new CommandOption("file", "A file", OptionKind.Attachment, Required: true), new CommandOption("dry", "Dry run", OptionKind.Choice, Choices: [new OptionChoice("yes", "Yes")])]),
    ];

    [Fact]
    public void Parse_AttachmentAsText_KeepsLineBreaksQuotesAndColonsToTheEnd()
    {
        const string line = "/import dry:yes file:text,category\n\"What is X: really, \"\"Y\"\"?\",algorithms\nAnother one: z?,algorithms";

        var parsed = CommandLineParser.Parse(line, Definitions)!;

        Assert.Null(parsed.Problem);
        Assert.Equal("yes", parsed.Options["dry"]);
        Assert.Equal("text,category\n\"What is X: really, \"\"Y\"\"?\",algorithms\nAnother one: z?,algorithms", parsed.Options["file"]);
    }

    [Fact]
    public void Parse_AttachmentQuotedWhole_IsUnquoted()
    {
        var parsed = CommandLineParser.Parse("/import file:\"[{\"text\": \"x\"}]\"", Definitions)!;

        Assert.Equal("[{\"text\": \"x\"}]", parsed.Options["file"]);
    }

    [Theory]
    [InlineData("/question 42", "id", "42")]
    [InlineData("/question 99", "id", "99")]
    [InlineData("/question algorithms", "category", "algorithms")]
    [InlineData("/roadmap 2", "phase", "2")]
    [InlineData("/roadmap two", "phase", "two")]
    [InlineData("/streak you", "member", "you")]
    [InlineData("/answer Feature stores keep training and serving consistent", "text", "Feature stores keep training and serving consistent")]
    public void Parse_BareWord_FillsTheOptionItFits(string line, string option, string expected)
    {
        var parsed = CommandLineParser.Parse(line, Definitions)!;

        Assert.Null(parsed.Problem);
        Assert.Equal(expected, parsed.Options[option]);
        Assert.Single(parsed.Options);
    }

    [Fact]
    public void Parse_BareWordsInAnyOrder_EachToTheOptionItFits()
    {
        var parsed = CommandLineParser.Parse("/salary usa senior", Definitions)!;

        Assert.Null(parsed.Problem);
        Assert.Equal("senior", parsed.Options["level"]);
        Assert.Equal("usa", parsed.Options["region"]);
    }

    [Fact]
    public void Parse_BareNumberAfterANamedCategory_IsTheId()
    {
        var parsed = CommandLineParser.Parse("/question category:algorithms 70", Definitions)!;

        Assert.Equal("algorithms", parsed.Options["category"]);
        Assert.Equal("70", parsed.Options["id"]);
    }

    [Theory]
    [InlineData("/roadmap phase:1 phase:2", "phase is given twice ('1', then '2'). Give each option once.")]
    [InlineData("/roadmap phase:1 PHASE:1", "PHASE is given twice ('1', then '1'). Give each option once.")]
    [InlineData("/salary level:entry region:usa level:senior", "level is given twice ('entry', then 'senior'). Give each option once.")]
    public void Parse_SameOptionTwice_Refused(string line, string expected)
    {
        Assert.Equal(expected, CommandLineParser.Parse(line, Definitions)!.Problem);
    }

    [Fact]
    public void Parse_SpaceAfterTheColon_TheNextWordIsTheValue()
    {
        var parsed = CommandLineParser.Parse("/salary level: senior region: \"usa\"", Definitions)!;

        Assert.Null(parsed.Problem);
        Assert.Equal("senior", parsed.Options["level"]);
        Assert.Equal("usa", parsed.Options["region"]);
    }

    [Theory]
    [InlineData("/roadmap phase:")]
    [InlineData("/salary level: region:usa")]
    public void Parse_NothingAfterTheColon_AnEmptyValue(string line)
    {
        var parsed = CommandLineParser.Parse(line, Definitions)!;

        Assert.Null(parsed.Problem);
        Assert.Equal("", parsed.Options.First().Value);
    }

    [Fact]
    public void Parse_UnquotedTextContainingAColon_IsOneOption()
    {
        var parsed = CommandLineParser.Parse("/answer text:Two steps: retrieval, then text:ranking", Definitions)!;

        Assert.Null(parsed.Problem);
        Assert.Equal("Two steps: retrieval, then text:ranking", parsed.Options["text"]);
    }

    [Theory]
    [InlineData("/roadmap 1 2", "I did not understand '2'. Usage: /roadmap [phase]")]
    [InlineData("/help me", "I did not understand 'me'. Usage: /help")]
    public void Parse_WordsNoOptionTakes_ProblemWithTheUsage(string line, string expected)
    {
        Assert.Equal(expected, CommandLineParser.Parse(line, Definitions)!.Problem);
    }

    [Theory]
    [InlineData("/roadmaps 2", "roadmaps")]
    [InlineData("/frobnicate now please", "frobnicate")]
    public void Parse_UnknownCommand_LeftToTheDispatcherWithoutAProblem(string line, string command)
    {
        var parsed = CommandLineParser.Parse(line, Definitions)!;

        Assert.Equal(command, parsed.Command);
        Assert.Null(parsed.Problem);
    }

    [Theory]
    [InlineData("roadmap phase:2")]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NoSlash_NotACommand(string line)
    {
        Assert.Null(CommandLineParser.Parse(line, Definitions));
    }
}
