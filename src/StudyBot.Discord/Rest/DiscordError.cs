using System.Text.Json.Nodes;

namespace StudyBot.Discord.Rest;

/// <summary>
/// Discord's JSON error body (docs: reference, "Error Messages"): a code, a message, and for a refused form body
/// (50035) an <c>errors</c> tree whose leaves are <c>_errors</c> lists under the path of each field it names.
/// </summary>
public sealed record DiscordError(int? Code, string Message, IReadOnlyList<DiscordFieldError> Fields)
{
    public static DiscordError From(JsonNode? body)
    {
        var code = body?["code"] is JsonValue c && c.TryGetValue(out int value) ? value : (int?)null;
        var message = body?["message"] is JsonValue m && m.TryGetValue(out string? text) ? text : "";
        var fields = new List<DiscordFieldError>();
        if (body?["errors"] is JsonObject errors)
        {
            Collect(errors, "", fields);
        }

        return new DiscordError(code, message, fields);
    }

    private static void Collect(JsonObject node, string path, List<DiscordFieldError> fields)
    {
        foreach (var (name, child) in node)
        {
            if (name == "_errors" && child is JsonArray list)
            {
                foreach (var error in list.OfType<JsonObject>())
                {
                    var code = error["code"] is JsonValue c && c.TryGetValue(out string? text) ? text : "";
                    var message = error["message"] is JsonValue m && m.TryGetValue(out string? words) ? words : "";
                    fields.Add(new DiscordFieldError(path, code, message));
                }
            }
            else if (child is JsonObject nested)
            {
                Collect(nested, path.Length == 0 ? name : $"{path}.{name}", fields);
            }
        }
    }
}

/// <param name="Path">The field, e.g. "3.options.0.min_value" (command 3 of a bulk overwrite, its first option).</param>
public sealed record DiscordFieldError(string Path, string Code, string Message)
{
    public override string ToString() => $"{Path}: {Code} {Message}".TrimEnd();
}
