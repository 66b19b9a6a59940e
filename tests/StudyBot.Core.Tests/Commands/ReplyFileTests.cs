using System.Text;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public class ReplyFileTests
{
    [Fact]
    public void WithFileInline_SmallFile_ShownInACodeBlockAndTheFileDropped()
    {
        var reply = Reply.Personal("Your data", "Here it is.") with { File = new ReplyFile("d.json", "application/json", Encoding.UTF8.GetBytes("{\"a\":1}")) };

        var inline = reply.WithFileInline(100);

        Assert.Equal("Here it is.\n\nd.json:\n```\n{\"a\":1}\n```", inline.Text);
        Assert.Null(inline.File);
    }

    [Fact]
    public void WithFileInline_LargeFile_SaysSoInsteadOfCuttingIt()
    {
        var reply = Reply.Personal("Your data", "Here it is.") with { File = new ReplyFile("d.json", "application/json", new byte[5000]) };

        var inline = reply.WithFileInline(100);

        Assert.EndsWith("d.json has 5,000 bytes, too large to show here; the console chat writes it to a file.", inline.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", inline.Text, StringComparison.Ordinal);
    }
}
