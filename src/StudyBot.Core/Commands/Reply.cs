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
}
