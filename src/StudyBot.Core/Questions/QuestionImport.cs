using System.Globalization;
using System.Text;
using System.Text.Json;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Questions;

/// <summary>A row of an import that was refused: the line it starts on and why.</summary>
public sealed record ImportRefusal(int Line, string Reason);

/// <summary>A row of an import that passed the rules, with the line it starts on.</summary>
public sealed record ImportRow(int Line, OwnQuestionDraft Draft);

/// <summary>An import read: its good rows and refused rows, or <see cref="Problem"/> when the file as a whole cannot be read.</summary>
public sealed record ImportParse(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportRefusal> Refused, string? Problem);

/// <summary>
/// Reads many questions at once from JSON or CSV. JSON: an array of objects (or <c>{"questions": [...]}</c>) with
/// <c>text</c>, <c>category</c>, and optional <c>points</c> and <c>pitfalls</c>, each an array of strings or one
/// "a | b | c" string. CSV: a header row naming the columns text, category, points, pitfalls (the last two
/// optional, any order), then one question a row; quote a cell with "…" to hold commas, quotes ("") or line breaks.
/// A file starting with '[' or '{' is JSON, anything else CSV. Line numbers are the file's, counting from 1.
/// </summary>
public static class QuestionImport
{
    /// <summary>At most this many rows in one import.</summary>
    public const int MaxRows = 200;

    /// <summary>At most this many characters in one import (about 100 KB), which 200 full rows fit in.</summary>
    public const int MaxChars = 100_000;

    private static readonly string[] Columns = ["text", "category", "points", "pitfalls"];

    public static ImportParse Parse(string? data)
    {
        var text = (data ?? "").TrimStart('\uFEFF');
        if (text.Trim().Length == 0)
        {
            return Whole("The import is empty. Give a JSON array or a CSV file with a header row: text,category,points,pitfalls.");
        }

        if (text.Length > MaxChars)
        {
            return Whole($"The import is too large ({text.Length:N0} characters); the most is {MaxChars:N0}. Split it into smaller files.");
        }

        var first = text.TrimStart()[0];
        return first is '[' or '{' ? ParseJson(text) : ParseCsv(text);
    }

    private static ImportParse Whole(string problem) => new([], [], problem);

    private static ImportParse ParseJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            return Whole($"The JSON is malformed near line {line}. Give an array of objects with text, category, points and pitfalls.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("questions", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return Whole("The JSON must be an array of questions (or an object with a \"questions\" array).");
            }

            var count = root.GetArrayLength();
            if (count > MaxRows)
            {
                return Whole($"The import has {count} questions; the most at a time is {MaxRows}. Split it into smaller files.");
            }

            var lines = ElementLines(text);
            var rows = new List<ImportRow>();
            var refused = new List<ImportRefusal>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 1;
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    refused.Add(new ImportRefusal(line, "Not an object with text and category."));
                    continue;
                }

                var unknown = element.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !Columns.Contains(n, StringComparer.OrdinalIgnoreCase));
                if (unknown is not null)
                {
                    refused.Add(new ImportRefusal(line, $"Unknown field '{TextFormat.Echo(unknown, 24)}'; use text, category, points, pitfalls."));
                    continue;
                }

                if (!TryField(element, "text", out var questionText, out var problem)
                    || !TryField(element, "category", out var category, out problem)
                    || !TryField(element, "points", out var points, out problem)
                    || !TryField(element, "pitfalls", out var pitfalls, out problem))
                {
                    refused.Add(new ImportRefusal(line, problem));
                    continue;
                }

                Add(rows, refused, line, questionText, category, points, pitfalls);
            }

            return new ImportParse(rows, refused, null);
        }
    }

    // A field as one string: an array of strings becomes "a | b"; a missing field is null.
    private static bool TryField(JsonElement element, string name, out string? value, out string problem)
    {
        value = null;
        problem = "";
        var property = element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (property.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        var field = property.Value;
        if (field.ValueKind == JsonValueKind.String)
        {
            value = field.GetString();
            return true;
        }

        if (field.ValueKind == JsonValueKind.Array && name is "points" or "pitfalls" && field.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            var items = field.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            if (items.Any(i => i.Contains(OwnQuestionRules.PointSeparator, StringComparison.Ordinal)))
            {
                problem = $"A point in {name} contains '{OwnQuestionRules.PointSeparator}', which separates points.";
                return false;
            }

            if (items.Any(i => i.Trim().Length == 0))
            {
                problem = $"One of the {name} is empty.";
                return false;
            }

            value = string.Join(" | ", items);
            return true;
        }

        problem = name is "points" or "pitfalls"
            ? $"{name} must be an array of strings or one \"a | b\" string."
            : $"{name} must be a string.";
        return false;
    }

    // The line each element of the top-level array starts on, in order.
    private static List<int> ElementLines(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var starts = new List<long>();
        var arrayDepth = -1;
        while (reader.Read())
        {
            if (arrayDepth < 0)
            {
                // The questions array: the root itself, or the array under "questions".
                if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth <= 1)
                {
                    arrayDepth = reader.CurrentDepth;
                }

                continue;
            }

            if (reader.CurrentDepth == arrayDepth + 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName))
            {
                starts.Add(reader.TokenStartIndex);
            }
        }

        var lines = new List<int>(starts.Count);
        var line = 1;
        long position = 0;
        foreach (var start in starts)
        {
            for (; position < start; position++)
            {
                if (bytes[position] == (byte)'\n')
                {
                    line++;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private static ImportParse ParseCsv(string text)
    {
        if (!TryReadCsv(text, out var records, out var problem))
        {
            return Whole(problem);
        }

        var header = records[0].Cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var unknown = header.FirstOrDefault(h => !Columns.Contains(h));
        if (unknown is not null || !header.Contains("text") || !header.Contains("category") || header.Distinct().Count() != header.Count)
        {
            return Whole("The CSV's first line must name its columns: text,category and optionally points,pitfalls (each once).");
        }

        var body = records.Skip(1).Where(r => r.Cells.Any(c => c.Trim().Length > 0)).ToList();
        if (body.Count > MaxRows)
        {
            return Whole($"The import has {body.Count} rows; the most at a time is {MaxRows}. Split it into smaller files.");
        }

        var rows = new List<ImportRow>();
        var refused = new List<ImportRefusal>();
        foreach (var record in body)
        {
            if (record.Cells.Count != header.Count)
            {
                refused.Add(new ImportRefusal(record.Line, $"{record.Cells.Count} cells where the header has {header.Count}; quote a cell holding a comma."));
                continue;
            }

            string? Cell(string column) => header.IndexOf(column) is var at and >= 0 ? record.Cells[at] : null;
            Add(rows, refused, record.Line, Cell("text"), Cell("category"), Cell("points"), Cell("pitfalls"));
        }

        return new ImportParse(rows, refused, null);
    }

    private static void Add(List<ImportRow> rows, List<ImportRefusal> refused, int line, string? text, string? category, string? points, string? pitfalls)
    {
        if (!OwnQuestionRules.TryText(text, out var questionText, out var problem)
            || !OwnQuestionRules.TryCategory(category, out var parsedCategory, out problem)
            || !OwnQuestionRules.TryKeyPoints(points, out var keyPoints, out problem)
            || !OwnQuestionRules.TryPitfalls(pitfalls, out var parsedPitfalls, out problem))
        {
            refused.Add(new ImportRefusal(line, problem));
            return;
        }

        rows.Add(new ImportRow(line, new OwnQuestionDraft(questionText, parsedCategory, keyPoints, parsedPitfalls)));
    }

    private sealed record CsvRecord(int Line, List<string> Cells);

    // RFC 4180: cells separated by commas, a quoted cell may hold commas, line breaks and doubled quotes.
    private static bool TryReadCsv(string text, out List<CsvRecord> records, out string problem)
    {
        records = [];
        problem = "";
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.ToString().Trim().Length == 0 && !wasQuoted:
                    cell.Clear();
                    quoted = true;
                    wasQuoted = true;
                    break;
                case '"':
                    problem = $"Line {line.ToString(CultureInfo.InvariantCulture)}: a quote inside an unquoted cell. Quote the whole cell and double the quote (\"\").";
                    return false;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    records.Add(new CsvRecord(recordLine, cells));
                    cells = [];
                    cell.Clear();
                    wasQuoted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (wasQuoted && !char.IsWhiteSpace(c))
                    {
                        problem = $"Line {line.ToString(CultureInfo.InvariantCulture)}: text after a quoted cell's closing quote.";
                        return false;
                    }

                    cell.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            problem = $"Line {recordLine.ToString(CultureInfo.InvariantCulture)}: a quoted cell is never closed.";
            return false;
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add(new CsvRecord(recordLine, cells));
        }

        var firstReal = records.FindIndex(r => r.Cells.Any(c => c.Trim().Length > 0));
        if (firstReal < 0)
        {
            problem = "The import is empty. Give a JSON array or a CSV file with a header row: text,category,points,pitfalls.";
            return false;
        }

        records = records[firstReal..];
        return true;
    }
}
