using StudyBot.Core.Streaks;

namespace StudyBot.Core.Commands;

/// <summary>
/// A command as a platform received it: option values as the text a person typed or the platform sent;
/// <see cref="References"/> reads channel, role and member references the platform's way (plain names when null).
/// </summary>
public sealed record CommandInvocation(string Name, IReadOnlyDictionary<string, string> Options, MemberContext Member, IReferenceSyntax? References = null);

/// <summary>A validated command: every option value has been checked against its definition.</summary>
public sealed class CommandRequest(MemberContext member, IReadOnlyDictionary<string, object> values)
{
    public MemberContext Member { get; } = member;

    public bool Has(string option) => values.ContainsKey(option);

    public string? Text(string option) => values.TryGetValue(option, out var v) ? (string)v : null;

    public int? Number(string option) => values.TryGetValue(option, out var v) ? (int)v : null;

    public TimeOnly? Time(string option) => values.TryGetValue(option, out var v) ? (TimeOnly)v : null;

    public TimeZoneInfo? Zone(string option) => values.TryGetValue(option, out var v) ? (TimeZoneInfo)v : null;
}

public interface ICommandHandler
{
    CommandDefinition Definition { get; }

    Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}
