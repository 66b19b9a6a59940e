namespace StudyBot.Core.Commands;

public enum ReplyVisibility
{
    /// <summary>Everyone in the channel sees it.</summary>
    Public,

    /// <summary>Only the member who asked sees it (Discord: ephemeral).</summary>
    Private,
}

public enum ReplyTone
{
    Info,
    Success,
    Problem,
}

public sealed record ReplyField(string Name, string Value, bool Inline = false);

/// <summary>A button under a reply. <see cref="ActionId"/> says what it does, e.g. "answer:42" opens the answer form for Q42.</summary>
public sealed record ReplyButton(string Label, string ActionId);

/// <summary>A file that goes with a reply (/my-data's JSON): Discord attaches it, the console writes it under the data folder.</summary>
public sealed record ReplyFile(string FileName, string ContentType, byte[] Content);

/// <summary>A platform-neutral answer to a command; each adapter renders it (Discord as an embed, the console as text).</summary>
public sealed record Reply(
    string Title,
    string Text,
    IReadOnlyList<ReplyField> Fields,
    IReadOnlyList<ReplyButton> Buttons,
    ReplyVisibility Visibility,
    ReplyTone Tone,
    ReplyFile? File = null)
{
    public static Reply Info(string title, string text, params ReplyField[] fields) =>
        new(title, text, fields, [], ReplyVisibility.Public, ReplyTone.Info);

    public static Reply Personal(string title, string text, params ReplyField[] fields) =>
        new(title, text, fields, [], ReplyVisibility.Private, ReplyTone.Info);

    public static Reply Success(string title, string text) =>
        new(title, text, [], [], ReplyVisibility.Private, ReplyTone.Success);

    /// <summary>A short, private explanation of what went wrong and what is valid; never an exception text.</summary>
    public static Reply Problem(string text) =>
        new("Not quite", text, [], [], ReplyVisibility.Private, ReplyTone.Problem);

    /// <summary>What a member sees when a command failed on our side: the detail is in the log, never in the reply.</summary>
    public static Reply Failure() =>
        Problem("Something went wrong on our side; it was logged. Please try again in a moment.");

    public Reply WithButtons(params ReplyButton[] buttons) => this with { Buttons = buttons };

    /// <summary>
    /// For a platform that does not upload files: the file's text in a code block under the reply when it has at
    /// most <paramref name="maxChars"/> characters, else a line saying it is too large to show here.
    /// </summary>
    public Reply WithFileInline(int maxChars)
    {
        if (File is not { } file)
        {
            return this;
        }

        var content = System.Text.Encoding.UTF8.GetString(file.Content);
        var shown = content.Length <= maxChars
            ? $"{file.FileName}:\n```\n{content}\n```"
            : $"{file.FileName} has {file.Content.Length:N0} bytes, too large to show here; the console chat writes it to a file.";
        return this with { Text = Text + "\n\n" + shown, File = null };
    }
}
