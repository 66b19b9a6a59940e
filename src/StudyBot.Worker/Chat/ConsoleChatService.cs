using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Actions;
using StudyBot.Core.Commands;
using StudyBot.Core.Daily;
using StudyBot.Core.Servers;
using StudyBot.Core.Streaks;
using StudyBot.Core.Time;
using StudyBot.Persistence;

namespace StudyBot.Worker.Chat;

/// <summary>
/// The local console chat: one command a line from standard input, replies as plain text, the daily question
/// printed when it is due. You are the admin of one local server. End of input stops the host cleanly.
/// </summary>
public sealed partial class ConsoleChatService(
    IChatConsole console,
    CommandDispatcher dispatcher,
    ActionDispatcher actions,
    IServerStore servers,
    IDailyScheduleRegistry registry,
    IOptions<ConsoleChatOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChatService> logger) : BackgroundService
{
    public const string Banner =
        "StudyBot is running locally as a console chat (no Discord or Slack token configured). Type /help, or end input (Ctrl+D) to quit.\n" +
        "Buttons show as [Label] /press <action>: type that line to press one.\n" +
        "To connect it to Discord or Slack instead, see README.md, \"Connecting to Discord\" and \"Connecting to Slack\".\n\n";

    /// <summary>The console's stand-in for pressing a button: "/press rate:42:got", or "/press review:42 text:\"…\"" for a form.</summary>
    public const string PressCommand = "/press";

    /// <summary>The line that ends a pasted file.</summary>
    public const string BlockEnd = "END";

    /// <summary>How much of a pasted file is kept; a command refuses more than it takes with its own clear line.</summary>
    public const int MaxBlockChars = 1_000_000;

    /// <summary>The reply to a line whose answer failed, written without the renderer, which may be what failed.</summary>
    public static readonly string FailureText = $"! {Reply.Failure().Title}\n{Reply.Failure().Text}\n\n";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        console.Write(Banner);
        await EnsureLocalServerAsync(stoppingToken);

        // Read nothing until every hosted service has started, so the start-up catch-up is done before the first command.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The host stopped before it had started (a refused start is reported by whoever refused it).
                return;
            }
        }

        var member = options.Value;
        var lineNumber = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A console read cannot be cancelled and may block: it runs off the host's thread, and stopping does not wait for it.
                var line = await Task.Run(() => console.Input.ReadLine(), CancellationToken.None).WaitAsync(stoppingToken);
                if (line is null)
                {
                    break;
                }

                lineNumber++;
                if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var context = new MemberContext(ConsoleChatOptions.ServerId, ConsoleChatOptions.MemberId, member.MemberName, IsAdmin: true, $"console-{lineNumber}-{Guid.NewGuid():N}");
                await AnswerLineAsync(line, lineNumber, context, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        LogInputEnded();
        lifetime.StopApplication();
    }

    // One line never stops the chat: whatever fails while answering it (parsing, a command, rendering) is logged,
    // the member gets one short line, and the next line is read.
    private async Task AnswerLineAsync(string line, int lineNumber, MemberContext context, CancellationToken stoppingToken)
    {
        try
        {
            var reply = await HandleLineAsync(line, context, stoppingToken);
            if (reply.File is { } file)
            {
                reply = reply with { Fields = [.. reply.Fields, new ReplyField("File", await SaveAsync(file, stoppingToken))] };
            }

            console.Write(ConsoleReplyRenderer.Render(reply));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && stoppingToken.IsCancellationRequested))
        {
            LogLineFailed(ex, lineNumber);
            try
            {
                console.Write(FailureText);
            }
            catch (Exception writeFailed) when (writeFailed is IOException or ObjectDisposedException)
            {
                LogLineFailed(writeFailed, lineNumber);
            }
        }
    }

    private async Task<Reply> HandleLineAsync(string line, MemberContext context, CancellationToken cancellationToken)
    {
        var trimmed = line.Trim();
        if (trimmed == PressCommand || trimmed.StartsWith(PressCommand + " ", StringComparison.Ordinal))
        {
            return await PressAsync(trimmed[PressCommand.Length..].Trim(), context, cancellationToken);
        }

        var parsed = CommandLineParser.Parse(line, dispatcher.Definitions);
        if (parsed is null)
        {
            // A known command typed without its slash: "roadmap phase:2".
            var firstWord = line.Trim().Split(' ', 2)[0];
            return dispatcher.Find(firstWord) is { } meant
                ? Reply.Problem($"Commands start with /: try /{meant.Name}{line.Trim()[firstWord.Length..]}")
                : Reply.Problem("Commands start with /, e.g. /roadmap phase:2. Type /help for the list.");
        }

        if (parsed.Problem is not null)
        {
            return Reply.Problem(parsed.Problem);
        }

        var definition = dispatcher.Find(parsed.Command);
        var options = new Dictionary<string, string>(parsed.Options, StringComparer.OrdinalIgnoreCase);
        if (definition is not null && ResolveMemberNames(definition, options, context) is { } unknownMember)
        {
            return Reply.Problem(unknownMember);
        }

        // A file is pasted below the command, up to a line END: "/import-questions", then the CSV or JSON, then END.
        var file = definition?.Options.FirstOrDefault(o => o.Kind == OptionKind.Attachment && o.Required && !options.ContainsKey(o.Name));
        if (file is not null && (context.IsAdmin || !definition!.AdminOnly))
        {
            console.Write($"Paste the {file.Name} now, then a line with only {BlockEnd}.\n");
            var block = await ReadBlockAsync(cancellationToken);
            if (block is null)
            {
                return Reply.Problem($"The input ended before a line {BlockEnd}: /{definition!.Name} was not run.");
            }

            options[file.Name] = block;
        }

        return await dispatcher.DispatchAsync(new CommandInvocation(parsed.Command, options, context), cancellationToken);
    }

    // The lines up to END, joined with line breaks; null when the input ends first. Past MaxBlockChars the rest is
    // read and dropped, so a huge paste is refused as too large rather than run line by line as commands.
    private async Task<string?> ReadBlockAsync(CancellationToken cancellationToken)
    {
        var block = new System.Text.StringBuilder();
        while (true)
        {
            var line = await Task.Run(() => console.Input.ReadLine(), CancellationToken.None).WaitAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            if (line.Trim() == BlockEnd)
            {
                return block.ToString();
            }

            if (block.Length <= MaxBlockChars)
            {
                block.Append(line).Append('\n');
            }
        }
    }

    /// <summary>A reply's file (/my-data) goes under the data folder, in "exports", beside the data file; returns its full path.</summary>
    private async Task<string> SaveAsync(ReplyFile file, CancellationToken cancellationToken)
    {
        var dataFolder = Path.GetDirectoryName(Path.GetFullPath(storage.Value.Path)) ?? ".";
        var folder = Path.Combine(dataFolder, "exports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(file.FileName));
        await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
        return path;
    }

    // A button press: the reply it leads to; a form is filled in on the same line with text:"…".
    private async Task<Reply> PressAsync(string rest, MemberContext context, CancellationToken cancellationToken)
    {
        var parts = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return Reply.Problem("Type /press and the action shown beside a button, e.g. /press rate:42:got.");
        }

        var actionId = parts[0];
        var text = parts.Length > 1 ? FormText(parts[1]) : null;
        var outcome = await actions.PressAsync(context, actionId, cancellationToken);
        if (outcome.Form is not { } form)
        {
            return outcome.Reply ?? ActionDispatcher.Inactive();
        }

        return text is null
            ? Reply.Personal(form.Title, $"This button opens a form. Type your answer on one line: {PressCommand} {actionId} text:\"…\" (at least {form.MinLength} characters).")
            : await actions.SubmitFormAsync(context, form.FormId, text, cancellationToken);
    }

    private static string? FormText(string typed)
    {
        if (!typed.StartsWith("text:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = typed["text:".Length..].Trim();
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }

    // Core takes a member by id; in the console chat a member is named as /leaderboard shows them, and the only one
    // here is you. Any other name is refused here, since Core's plain syntax would take it as an id nobody has; a bare
    // number is still an id (members kept from before the console had its own ids).
    private static string? ResolveMemberNames(CommandDefinition definition, Dictionary<string, string> options, MemberContext you)
    {
        foreach (var option in definition.Options.Where(o => o.Kind == OptionKind.Member && options.ContainsKey(o.Name)))
        {
            var typed = options[option.Name].Trim();
            if (string.Equals(typed.TrimStart('@'), you.DisplayName.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                options[option.Name] = you.MemberId;
            }
            else if (typed != you.MemberId && !(typed.Length > 0 && typed.All(char.IsAsciiDigit) && option.Accepts(typed)))
            {
                var which = typed.Length == 0 ? $"{option.Name} is empty." : $"There is no member '{TextFormat.Echo(typed)}' here.";
                return $"{which} In the console chat you are '{TextFormat.Echo(you.DisplayName)}', as /leaderboard shows you: /{definition.Name} {option.Name}:{you.DisplayName}";
            }
        }

        return null;
    }

    // The local server starts with the configured time and zone, until /setup changes it.
    private async Task EnsureLocalServerAsync(CancellationToken cancellationToken)
    {
        var existing = await servers.GetAsync(ConsoleChatOptions.ServerId, cancellationToken);
        if (existing is not null)
        {
            await registry.ApplyAsync(existing, cancellationToken);
            return;
        }

        var configured = options.Value;
        var postTime = DailyTime.TryParse(configured.DailyTime, out var parsed) ? parsed.Value : new TimeOnly(9, 0);
        var zone = TimeZones.FindOrUtc(configured.TimeZone);
        var settings = new ServerSettings(
            ConsoleChatOptions.ServerId,
            configured.Channel,
            postTime,
            TimeZones.NameOf(zone),
            PingRoleId: null,
            Paused: false,
            PausedReason: null,
            ConfiguredAt: time.GetUtcNow());
        await servers.SaveAsync(settings, cancellationToken);
        await registry.ApplyAsync(settings, cancellationToken);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Console input ended; stopping")]
    private partial void LogInputEnded();

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Answering console line {LineNumber} failed; the chat goes on")]
    private partial void LogLineFailed(Exception exception, int lineNumber);
}
