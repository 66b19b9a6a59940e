using StudyBot.Core.Answers;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Actions;

/// <summary>
/// An action or form id bound to its server, for a press that arrives where the platform names no server (a Discord
/// DM: a reminder's Answer button, the rating buttons under its confirmation): "@discord:123|answer:42". Ids without
/// the binding ("answer:42") keep working wherever the platform names the server.
/// </summary>
public static class ActionScope
{
    /// <summary>The shortest id limit of the platforms: Discord's custom_id holds 1–100 characters.</summary>
    public const int MaxLength = 100;

    private const char Start = '@';
    private const char End = '|';

    /// <summary>The id bound to <paramref name="serverId"/>; the id as it was when it is bound already or the binding would not fit.</summary>
    public static string Bind(string serverId, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        ArgumentNullException.ThrowIfNull(id);
        if (TryUnbind(id, out _, out _))
        {
            return id;
        }

        var bound = Start + serverId + End + id;
        return bound.Length <= MaxLength ? bound : id;
    }

    /// <summary>Splits a bound id into its server and the feature's own id; false for an id that is not bound.</summary>
    public static bool TryUnbind(string? id, out string serverId, out string innerId)
    {
        serverId = "";
        innerId = id ?? "";
        if (id is null || id.Length < 3 || id[0] != Start)
        {
            return false;
        }

        var end = id.IndexOf(End, StringComparison.Ordinal);
        if (end <= 1 || end == id.Length - 1 || !id.AsSpan(1, end - 1).Contains(':'))
        {
            return false;
        }

        serverId = id[1..end];
        innerId = id[(end + 1)..];
        return true;
    }

    /// <summary>The feature's own id of <paramref name="id"/> for a press in <paramref name="serverId"/>; null when it is bound to another server.</summary>
    public static string? InnerFor(string serverId, string? id) =>
        !TryUnbind(id, out var bound, out var inner) ? id ?? ""
        : string.Equals(bound, serverId, StringComparison.Ordinal) ? inner
        : null;

    /// <summary>The reply with every button bound to <paramref name="serverId"/>.</summary>
    public static Reply BindButtons(Reply reply, string serverId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Buttons.Count == 0 ? reply : reply with { Buttons = [.. reply.Buttons.Select(b => b with { ActionId = Bind(serverId, b.ActionId) })] };
    }

    /// <summary>The form with its id bound to <paramref name="serverId"/>, so its submission names the server too.</summary>
    public static AnswerForm BindForm(AnswerForm form, string serverId)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form with { FormId = Bind(serverId, form.FormId) };
    }
}
