namespace StudyBot.Core.Commands;

public enum OptionKind
{
    Text,
    WholeNumber,

    /// <summary>One of <see cref="CommandOption.Choices"/>.</summary>
    Choice,

    /// <summary>An IANA time zone name such as Europe/Berlin.</summary>
    TimeZone,

    /// <summary>A 24-hour local time, HH:mm.</summary>
    Time,
    Channel,
    Role,
    Member,

    /// <summary>
    /// A file's text: on Discord an attached file, which the adapter fetches (capped) and passes on as text; in the
    /// console a pasted block, on Slack the text after <c>name:</c> to the end of the command.
    /// </summary>
    Attachment,
}

/// <summary>A value a person can type; <see cref="Aliases"/> are other words accepted for it ("google" for gcp).</summary>
public sealed record OptionChoice(string Value, string Label, params string[] Aliases);

public sealed record CommandOption(
    string Name,
    string Description,
    OptionKind Kind,
    bool Required = false,
    IReadOnlyList<OptionChoice>? Choices = null,
    int? MinValue = null,
    int? MaxValue = null,
    int? MinLength = null,
    int? MaxLength = null,
    bool Autocomplete = false)
{
    /// <summary>Choices are spelled out in a usage line up to this many; more are listed when a value is refused.</summary>
    private const int ChoicesInUsage = 5;

    public IReadOnlyList<OptionChoice> ChoiceList => Choices ?? [];

    /// <summary>
    /// How the option is written in a usage line: its choices when they are few (<c>action:show|pause</c>), else
    /// <c>zone:&lt;zone&gt;</c>, or just the name in brackets when it is optional (<c>[phase]</c>).
    /// </summary>
    public string Placeholder => ChoiceList.Count is > 0 and <= ChoicesInUsage
        ? Required ? $"{Name}:{string.Join('|', ChoiceList.Select(c => c.Value))}" : $"[{Name}:{string.Join('|', ChoiceList.Select(c => c.Value))}]"
        : Required ? $"{Name}:<{Name}>" : $"[{Name}]";

    /// <summary>Whether <paramref name="text"/> is a valid value, exactly as the dispatcher would check it.</summary>
    public bool Accepts(string text, IReferenceSyntax? references = null) =>
        OptionParser.TryParse(this, text, references ?? PlainReferenceSyntax.Instance, out _, out _);
}

/// <summary>
/// A command as every platform registers it; admin commands are for the server's admins. <see cref="Visibility"/>
/// says who sees its reply, so a platform can decide before the handler has answered (a deferral fixes it up front).
/// </summary>
public sealed record CommandDefinition(
    string Name,
    string Description,
    IReadOnlyList<CommandOption> Options,
    bool AdminOnly = false,
    ReplyVisibility Visibility = ReplyVisibility.Public)
{
    public string Usage => Options.Count == 0
        ? $"/{Name}"
        : $"/{Name} " + string.Join(' ', Options.Select(o => o.Placeholder));
}
