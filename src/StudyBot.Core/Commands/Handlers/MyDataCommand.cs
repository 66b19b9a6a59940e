using StudyBot.Core.Privacy;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Everything stored about the member in this server, as a JSON file, privately.</summary>
public sealed class MyDataCommand(MemberData data) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new("my-data", "Everything StudyBot stores about you in this server, as a JSON file", [], Visibility: ReplyVisibility.Private);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = await data.ExportAsync(request.Member.ServerId, request.Member.MemberId, cancellationToken);
        return Reply.Personal("Your data", $"Everything StudyBot stores about you in this server is in {file.FileName} ({file.Content.Length:N0} bytes). /forget-me deletes it.") with { File = file };
    }
}
