using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace StudyBot.Core.Content;

/// <summary>
/// Reads the content files under config/content into <see cref="GuideContent"/>. Every file is validated;
/// the first problem found throws a <see cref="ContentException"/> naming the file, the place and the fault.
/// </summary>
public static partial class ContentLoader
{
    public const string RoleFile = "role.json";
    public const string SkillsFile = "skills.json";
    public const string RoadmapFile = "roadmap.json";
    public const string LanguagesFile = "languages.json";
    public const string CloudFile = "cloud.json";
    public const string ToolsFile = "tools.json";
    public const string QuestionsFile = "questions.json";
    public const string SalaryFile = "salary.json";
    public const string KeyPointsFile = "key-points.json";

    public static IReadOnlyList<string> FileNames { get; } =
        [RoleFile, SkillsFile, RoadmapFile, LanguagesFile, CloudFile, ToolsFile, QuestionsFile, SalaryFile, KeyPointsFile];

    /// <summary>The longest key point or pitfall: one short sentence.</summary>
    public const int MaxKeyPointLength = 200;

    public const int MinKeyPoints = 3;
    public const int MaxKeyPoints = 6;
    public const int MinPitfalls = 1;
    public const int MaxPitfalls = 2;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Admins edit these files by hand: comments and trailing commas are harmless.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A misspelt property would otherwise be ignored and surface later as "missing".
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Checked here rather than in the document so the error carries the property's path.
        AllowDuplicateProperties = false,

        // Contracts generated at build time: the reflection-built ones cost a sixth of start-up.
        TypeInfoResolver = ContentJson.Default,
    };

    public static GuideContent Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);

        var role = LoadFile<RoleDto, RoleContent>(directory, RoleFile, ToRole);
        var skills = LoadFile<SkillsDto, SkillsContent>(directory, SkillsFile, ToSkills);
        var roadmap = LoadFile<RoadmapDto, RoadmapContent>(directory, RoadmapFile, ToRoadmap);
        var languages = LoadFile<List<LanguageDto?>, List<LanguageInfo>>(directory, LanguagesFile, ToLanguages);
        var cloud = LoadFile<List<CloudDto?>, List<CloudPlatform>>(directory, CloudFile, ToCloudPlatforms);
        var tools = LoadFile<List<ToolCategoryDto?>, List<ToolCategory>>(directory, ToolsFile, ToToolCategories);
        var questions = LoadFile<List<QuestionDto?>, List<InterviewQuestion>>(directory, QuestionsFile, ToQuestions);
        var salary = LoadFile<SalaryDto, SalaryTable>(directory, SalaryFile, ToSalary);
        var keyPoints = LoadFile<List<KeyPointsDto?>, List<QuestionKeyPoints>>(
            directory, KeyPointsFile, (dto, check) => ToKeyPoints(dto, questions, check));
        return new GuideContent(role, skills, roadmap, languages, cloud, tools, questions, salary, keyPoints);
    }

    private static T LoadFile<TDto, T>(string directory, string fileName, Func<TDto, Checker, T> map)
        where TDto : class
    {
        var check = new Checker(fileName);
        var json = ReadFile(directory, fileName);
        var dto = Parse<TDto>(json, check) ?? throw check.Fail("$", "the file holds null instead of content");
        return map(dto, check);
    }

    private static string ReadFile(string directory, string fileName)
    {
        var fullDirectory = Path.GetFullPath(directory);
        try
        {
            return File.ReadAllText(Path.Combine(fullDirectory, fileName));
        }
        catch (FileNotFoundException ex)
        {
            throw new ContentException(fileName, fullDirectory, "file not found", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ContentException(fileName, fullDirectory, "directory not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ContentException(fileName, fullDirectory, $"cannot read the file ({OneLine(ex.Message)})", ex);
        }
    }

    private static TDto? Parse<TDto>(string json, Checker check)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw check.Fail("$", "the file is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // Line and position are zero-based in the exception; editors count from one.
            // The position counts bytes, so it runs ahead of the column on lines with ₹, € or –.
            var location = ex.LineNumber is { } line ? $"line {line + 1}, position {ex.BytePositionInLine + 1}" : "$";
            throw check.Fail(location, $"invalid JSON: {Describe(ex)}", ex);
        }

        using (document)
        {
            try
            {
                return document.Deserialize<TDto>(SerializerOptions);
            }
            catch (JsonException ex)
            {
                throw check.Fail(ex.Path ?? "$", DeserializationProblem(ex), ex);
            }
        }
    }

    /// <summary>The reader's own sentence, without the line details we already report.</summary>
    private static string Describe(JsonException ex)
    {
        var cut = ex.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return OneLine(cut >= 0 ? ex.Message[..cut] : ex.Message);
    }

    /// <summary>The serializer names our internal .NET types; say what is wrong in the file's own terms.</summary>
    private static string DeserializationProblem(JsonException ex) => ex.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) => "unknown property (check its spelling)",
        var m when m.StartsWith("Duplicate propert", StringComparison.Ordinal) => "duplicate property",
        _ => "value has the wrong type",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static RoleContent ToRole(RoleDto dto, Checker check) => new(
        check.Text(dto.Summary, "$.summary"),
        check.Texts(dto.Responsibilities, "$.responsibilities"),
        check.List(dto.Comparison, "$.comparison", (row, path) => new RoleComparisonRow(
            check.Text(row.Aspect, $"{path}.aspect"),
            check.Text(row.DataScientist, $"{path}.dataScientist"),
            check.Text(row.MlEngineer, $"{path}.mlEngineer"))));

    private static SkillsContent ToSkills(SkillsDto dto, Checker check)
    {
        var software = ToSkillArea(check.Required(dto.Software, "$.software"), "software", check);
        var machineLearning = ToSkillArea(check.Required(dto.Ml, "$.ml"), "ml", check);
        var total = software.SharePercent + machineLearning.SharePercent;
        return total == 100
            ? new SkillsContent(software, machineLearning)
            : throw check.Fail("$", $"the shares of the role add up to {total}%, not 100%");
    }

    private static SkillArea ToSkillArea(SkillAreaDto dto, string key, Checker check) => new(
        key,
        check.Text(dto.Name, $"$.{key}.name"),
        check.Number(dto.SharePercent, $"$.{key}.sharePercent", min: 1, max: 100),
        check.Texts(dto.Items, $"$.{key}.items"));

    private static RoadmapContent ToRoadmap(RoadmapDto dto, Checker check)
    {
        var total = check.Text(dto.TotalDuration, "$.totalDuration");
        var phases = check.List(dto.Phases, "$.phases", (phase, path) => ToPhase(phase, path, check));
        check.NumberedFromOne(phases, phase => phase.Number, "$.phases", "number");
        return new RoadmapContent(total, [.. phases.OrderBy(phase => phase.Number)]);
    }

    private static RoadmapPhase ToPhase(PhaseDto dto, string path, Checker check)
    {
        var number = check.Number(dto.Number, $"{path}.number");
        var title = check.Text(dto.Title, $"{path}.title");
        var minMonths = check.Number(dto.MinMonths, $"{path}.minMonths", min: 1);
        var maxMonths = check.Number(dto.MaxMonths, $"{path}.maxMonths", min: 1);
        if (minMonths > maxMonths)
        {
            throw check.Fail($"{path}.minMonths", $"minMonths ({minMonths}) is greater than maxMonths ({maxMonths})");
        }

        return new RoadmapPhase(number, title, minMonths, maxMonths, check.Texts(dto.Topics, $"{path}.topics"));
    }

    private static List<LanguageInfo> ToLanguages(List<LanguageDto?> dto, Checker check) =>
        check.List(dto, "$", (language, path) => new LanguageInfo(
            check.Text(language.Name, $"{path}.name"),
            check.Text(language.WhyItMatters, $"{path}.whyItMatters")));

    private static List<CloudPlatform> ToCloudPlatforms(List<CloudDto?> dto, Checker check)
    {
        var platforms = check.List(dto, "$", (cloud, path) => new CloudPlatform(
            check.Key(cloud.Key, $"{path}.key"),
            check.Text(cloud.Name, $"{path}.name"),
            check.Texts(cloud.KeyServices, $"{path}.keyServices"),
            check.Text(cloud.BestFor, $"{path}.bestFor")));
        check.Unique(platforms.Select((cloud, i) => (cloud.Key, $"$[{i}].key")), "key");
        return platforms;
    }

    private static List<ToolCategory> ToToolCategories(List<ToolCategoryDto?> dto, Checker check)
    {
        var categories = check.List(dto, "$", (category, path) => new ToolCategory(
            check.Key(category.Key, $"{path}.key"),
            check.Text(category.Name, $"{path}.name"),
            check.List(category.Groups, $"{path}.groups", (group, groupPath) => new ToolGroup(
                check.Key(group.Key, $"{groupPath}.key"),
                check.Text(group.Name, $"{groupPath}.name"),
                check.Texts(group.Tools, $"{groupPath}.tools")))));
        check.Unique(categories.Select((category, i) => (category.Key, $"$[{i}].key")), "category key");
        // Group keys are unique across categories, so a group can be looked up by its key alone.
        check.Unique(
            categories.SelectMany((category, i) => category.Groups.Select((group, j) => (group.Key, $"$[{i}].groups[{j}].key"))),
            "group key");
        return categories;
    }

    private static List<InterviewQuestion> ToQuestions(List<QuestionDto?> dto, Checker check)
    {
        var questions = check.List(dto, "$", (question, path) => new InterviewQuestion(
            check.Number(question.Id, $"{path}.id"),
            ToCategory(question.Category, $"{path}.category", check),
            check.Text(question.Text, $"{path}.text"),
            check.Key(question.Topic, $"{path}.topic")));
        check.NumberedFromOne(questions, question => question.Id, "$", "id");
        return [.. questions.OrderBy(question => question.Id)];
    }

    /// <summary>Every question has one entry: 3–6 points and 1–2 pitfalls, each a non-empty sentence of at most 200 characters, none repeated.</summary>
    private static List<QuestionKeyPoints> ToKeyPoints(List<KeyPointsDto?> dto, List<InterviewQuestion> questions, Checker check)
    {
        var questionIds = questions.Select(q => q.Id).ToHashSet();
        var entries = check.List(dto, "$", (entry, path) =>
        {
            var id = check.Number(entry.Id, $"{path}.id");
            if (!questionIds.Contains(id))
            {
                throw check.Fail($"{path}.id", $"there is no question {id} in {QuestionsFile}");
            }

            var points = KeyPointTexts(entry.Points, $"{path}.points", MinKeyPoints, MaxKeyPoints, "key points", check);
            var pitfalls = KeyPointTexts(entry.Pitfalls, $"{path}.pitfalls", MinPitfalls, MaxPitfalls, "pitfalls", check);
            check.Unique(
                points.Select((p, i) => (p.Trim(), $"{path}.points[{i}]")).Concat(pitfalls.Select((p, i) => (p.Trim(), $"{path}.pitfalls[{i}]"))),
                "point");
            return new QuestionKeyPoints(id, points, pitfalls);
        });
        check.Unique(entries.Select((entry, i) => (entry.QuestionId.ToString(CultureInfo.InvariantCulture), $"$[{i}].id")), "id");

        var missing = questions.Select(q => q.Id).Where(id => !entries.Exists(e => e.QuestionId == id)).ToList();
        if (missing.Count > 0)
        {
            throw check.Fail("$", $"questions without key points: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? $" and {missing.Count - 10} more" : "")}");
        }

        return [.. entries.OrderBy(entry => entry.QuestionId)];
    }

    private static List<string> KeyPointTexts(List<string?>? items, string path, int min, int max, string what, Checker check)
    {
        var texts = check.Texts(items, path);
        if (texts.Count < min || texts.Count > max)
        {
            throw check.Fail(path, $"{texts.Count} {what}; each question needs {min} to {max}");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i].Length > MaxKeyPointLength)
            {
                throw check.Fail($"{path}[{i}]", $"{texts[i].Length} characters; at most {MaxKeyPointLength}");
            }
        }

        return texts;
    }

    private static QuestionCategory ToCategory(string? value, string path, Checker check)
    {
        var key = check.Text(value, path);
        if (QuestionCategories.TryParse(key, out var category))
        {
            return category;
        }

        var expected = string.Join(", ", QuestionCategories.All.Select(QuestionCategories.Key));
        throw check.Fail(path, $"unknown category '{key}' (expected one of: {expected})");
    }

    private static SalaryTable ToSalary(SalaryDto dto, Checker check)
    {
        var regions = check.List(dto.Regions, "$.regions", (region, path) => new SalaryRegion(
            check.Key(region.Key, $"{path}.key"),
            check.Text(region.Name, $"{path}.name"),
            check.Text(region.Currency, $"{path}.currency")));
        check.Unique(regions.Select((region, i) => (region.Key, $"$.regions[{i}].key")), "region key");

        var levels = check.List(dto.Levels, "$.levels", (level, path) => new SalaryLevel(
            check.Key(level.Key, $"{path}.key"),
            check.Text(level.Name, $"{path}.name"),
            check.Text(level.Experience, $"{path}.experience"),
            ToRanges(level.Ranges, regions, $"{path}.ranges", check)));
        check.Unique(levels.Select((level, i) => (level.Key, $"$.levels[{i}].key")), "level key");

        return new SalaryTable(regions, levels);
    }

    private static Dictionary<string, string> ToRanges(
        Dictionary<string, string?>? dto, List<SalaryRegion> regions, string path, Checker check)
    {
        var ranges = check.Required(dto, path);
        var regionKeys = regions.Select(region => region.Key).ToList();
        var unknown = ranges.Keys.FirstOrDefault(key => !regionKeys.Contains(key));
        if (unknown is not null)
        {
            throw check.Fail($"{path}.{unknown}", $"unknown region '{unknown}' (expected one of: {string.Join(", ", regionKeys)})");
        }

        var missing = regionKeys.FirstOrDefault(key => !ranges.ContainsKey(key));
        if (missing is not null)
        {
            throw check.Fail(path, $"missing range for region '{missing}'");
        }

        return regionKeys.ToDictionary(key => key, key => check.Text(ranges[key], $"{path}.{key}"));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    /// <summary>Validation steps for one file; each returns the checked value or throws for that file.</summary>
    private sealed class Checker(string fileName)
    {
        public ContentException Fail(string location, string problem, Exception? innerException = null) =>
            new(fileName, location, problem, innerException);

        public T Required<T>(T? value, string path)
            where T : class =>
            value ?? throw Fail(path, "required value is missing");

        public string Text(string? value, string path)
        {
            var text = Required(value, path);
            return string.IsNullOrWhiteSpace(text) ? throw Fail(path, "text must not be empty") : text;
        }

        public string Key(string? value, string path)
        {
            var key = Text(value, path);
            return KeyPattern().IsMatch(key)
                ? key
                : throw Fail(path, $"'{key}' is not a valid key (use lower-case words joined by hyphens, e.g. 'model-serving')");
        }

        public int Number(int? value, string path, int min = int.MinValue, int max = int.MaxValue) => value switch
        {
            null => throw Fail(path, "required number is missing"),
            int n when n < min => throw Fail(path, $"{n} is too small (at least {min})"),
            int n when n > max => throw Fail(path, $"{n} is too large (at most {max})"),
            int n => n,
        };

        public List<T> List<TDto, T>(List<TDto?>? items, string path, Func<TDto, string, T> map)
            where TDto : class
        {
            var list = Required(items, path);
            if (list.Count == 0)
            {
                throw Fail(path, "list must not be empty");
            }

            return [.. list.Select((item, i) => map(Required(item, $"{path}[{i}]"), $"{path}[{i}]"))];
        }

        public List<string> Texts(List<string?>? items, string path) =>
            List(items, path, (text, itemPath) => Text(text, itemPath));

        public void Unique(IEnumerable<(string Value, string Path)> entries, string what)
        {
            var firstPath = new Dictionary<string, string>();
            foreach (var (value, path) in entries)
            {
                if (!firstPath.TryAdd(value, path))
                {
                    throw Fail(path, $"duplicate {what} '{value}' (also at {firstPath[value]})");
                }
            }
        }

        /// <summary>Ids run 1..N with no gaps: each is in range and none repeats.</summary>
        public void NumberedFromOne<T>(List<T> items, Func<T, int> numberOf, string listPath, string property)
        {
            var firstIndex = new Dictionary<int, int>();
            for (var i = 0; i < items.Count; i++)
            {
                var number = numberOf(items[i]);
                var path = $"{listPath}[{i}].{property}";
                if (number < 1 || number > items.Count)
                {
                    throw Fail(path, $"{property} {number} is out of range: with {items.Count} items they run from 1 to {items.Count}");
                }

                if (!firstIndex.TryAdd(number, i))
                {
                    throw Fail(path, $"duplicate {property} {number} (also at {listPath}[{firstIndex[number]}])");
                }
            }
        }
    }

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(RoleDto))]
    [JsonSerializable(typeof(SkillsDto))]
    [JsonSerializable(typeof(RoadmapDto))]
    [JsonSerializable(typeof(List<LanguageDto?>))]
    [JsonSerializable(typeof(List<CloudDto?>))]
    [JsonSerializable(typeof(List<ToolCategoryDto?>))]
    [JsonSerializable(typeof(List<QuestionDto?>))]
    [JsonSerializable(typeof(SalaryDto))]
    [JsonSerializable(typeof(List<KeyPointsDto?>))]
    private sealed partial class ContentJson : JsonSerializerContext;

    private sealed record RoleDto(string? Summary, List<string?>? Responsibilities, List<ComparisonRowDto?>? Comparison);

    private sealed record ComparisonRowDto(string? Aspect, string? DataScientist, string? MlEngineer);

    private sealed record SkillsDto(SkillAreaDto? Software, SkillAreaDto? Ml);

    private sealed record SkillAreaDto(string? Name, int? SharePercent, List<string?>? Items);

    private sealed record RoadmapDto(string? TotalDuration, List<PhaseDto?>? Phases);

    private sealed record PhaseDto(int? Number, string? Title, int? MinMonths, int? MaxMonths, List<string?>? Topics);

    private sealed record LanguageDto(string? Name, string? WhyItMatters);

    private sealed record CloudDto(string? Key, string? Name, List<string?>? KeyServices, string? BestFor);

    private sealed record ToolCategoryDto(string? Key, string? Name, List<ToolGroupDto?>? Groups);

    private sealed record ToolGroupDto(string? Key, string? Name, List<string?>? Tools);

    private sealed record QuestionDto(int? Id, string? Category, string? Text, string? Topic);

    private sealed record KeyPointsDto(int? Id, List<string?>? Points, List<string?>? Pitfalls);

    private sealed record SalaryDto(List<RegionDto?>? Regions, List<LevelDto?>? Levels);

    private sealed record RegionDto(string? Key, string? Name, string? Currency);

    private sealed record LevelDto(string? Key, string? Name, string? Experience, Dictionary<string, string?>? Ranges);
}
