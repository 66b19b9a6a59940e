using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace StudyBot.Discord.Tests.Fake;

/// <summary>
/// Validates request bodies against Discord's OpenAPI spec (../shared/discord-api-spec/openapi.json): finds the
/// operation for (method, concrete path) and checks the body against its application/json request schema.
/// The spec is looser than the docs in places (see <see cref="DiscordLimitsValidator"/> for the rest).
/// </summary>
public static class OpenApiRequestValidator
{
    private static readonly Uri SpecUri = new("https://discord.test/openapi.json");
    private static readonly Lazy<Spec?> Loaded = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema?> Schemas = new();
    private static readonly Lock EvaluationGate = new();

    /// <summary>True when the spec file is present.</summary>
    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>
    /// Readable errors ("instance location: message") for <paramref name="body"/> sent as <paramref name="method"/>
    /// to <paramref name="path"/> (below /api/v10, e.g. "/channels/123/messages"). Empty when valid, when the
    /// operation takes no JSON body, when the path is not in the spec, or when the spec is absent.
    /// </summary>
    public static IReadOnlyList<string> Validate(string method, string path, JsonNode? body)
    {
        var spec = Loaded.Value;
        if (spec is null)
        {
            return [];
        }

        var template = spec.FindTemplate(path);
        if (template is null)
        {
            return [];
        }

        var schema = Schemas.GetOrAdd(method.ToLowerInvariant() + " " + template, _ => spec.BuildSchema(template, method.ToLowerInvariant()));
        if (schema is null)
        {
            return [];
        }

        var instance = Normalise(body?.DeepClone());
        var element = JsonSerializer.SerializeToElement(instance);
        EvaluationResults results;
        lock (EvaluationGate)
        {
            results = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in (results.Details ?? []).Prepend(results))
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                var location = detail.InstanceLocation.ToString();
                var line = $"{(location.Length == 0 ? "/" : location)}: {message} ({keyword})";
                if (!errors.Contains(line))
                {
                    errors.Add(line);
                }
            }
        }

        return errors.Count == 0 ? ["body does not match the spec's request schema"] : errors;
    }

    /// <summary>The spec types default_member_permissions as an integer; Discord's docs (and Discord) want a string.</summary>
    private static JsonNode? Normalise(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Normalise(item);
                }

                break;
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "default_member_permissions" && value is JsonValue v
                        && v.TryGetValue<string>(out var text) && long.TryParse(text, out var number))
                    {
                        obj[name] = number;
                    }
                    else
                    {
                        Normalise(value);
                    }
                }

                break;
        }

        return node;
    }

    private static Spec? Load()
    {
        var path = SpecLocation.Path;
        if (path is null)
        {
            return null;
        }

        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new Spec(root);
    }

    private sealed class Spec
    {
        private readonly JsonObject root;
        private readonly List<(string Template, string[] Segments)> templates;
        private readonly BuildOptions buildOptions;

        public Spec(JsonObject root)
        {
            this.root = root;
            templates = [.. root["paths"]!.AsObject().Select(p => (p.Key, p.Key.Split('/', StringSplitOptions.RemoveEmptyEntries)))];
            var registry = new SchemaRegistry();
            registry.Register(new JsonElementBaseDocument(JsonSerializer.SerializeToElement(root), SpecUri));
            // The default dialect refuses the spec's own keywords (x-discord-union); 2020-12 lets them through.
            buildOptions = new BuildOptions { Dialect = Dialect.Draft202012, SchemaRegistry = registry };
        }

        /// <summary>The path template the concrete path fits, preferring the one with the most literal segments.</summary>
        public string? FindTemplate(string path)
        {
            var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
            return templates
                .Where(t => t.Segments.Length == segments.Length
                    && t.Segments.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second))
                .OrderByDescending(t => t.Segments.Count(s => !s.StartsWith('{')))
                .Select(t => t.Template)
                .FirstOrDefault();
        }

        public JsonSchema? BuildSchema(string template, string method)
        {
            if (root["paths"]?[template]?[method]?["requestBody"]?["content"]?["application/json"]?["schema"] is not JsonObject schema)
            {
                return null;
            }

            var wrapped = (JsonObject)AbsoluteRefs(schema.DeepClone());
            wrapped["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            return JsonSchema.Build(JsonSerializer.SerializeToElement(wrapped), buildOptions);
        }

        /// <summary>Points the operation's local refs ("#/components/…") at the registered spec document.</summary>
        private static JsonNode AbsoluteRefs(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value is JsonValue r && r.GetValue<string>().StartsWith('#'))
                    {
                        obj[name] = SpecUri + r.GetValue<string>();
                    }
                    else if (value is not null)
                    {
                        AbsoluteRefs(value);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        AbsoluteRefs(item);
                    }
                }
            }

            return node;
        }
    }
}
