using System.Collections.Concurrent;
using System.Text.Json;
using Provisioner.Config.Versions;

namespace Provisioner.Config.Schema;

/// <summary>
/// The embedded JSON Schema of each spec version (<c>schemas/ignition-X.Y.Z.json</c>), loaded once.
/// Our schemas use a small subset of JSON Schema 2020-12: type, properties, additionalProperties,
/// items, required and $ref into $defs. <c>required</c> is documentation here: Ignition reports
/// missing fields through its semantic rules, with their own messages.
/// </summary>
internal static class SpecSchema
{
    private static readonly ConcurrentDictionary<SpecVersion, SchemaNode> Cache = new();

    public static SchemaNode For(SpecVersion version) => Cache.GetOrAdd(version, Load);

    private static SchemaNode Load(SpecVersion version)
    {
        var name = $"schemas/ignition-{version}.json";
        using var stream = typeof(SpecSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded in this build");
        using var document = JsonDocument.Parse(stream);
        var defs = document.RootElement.TryGetProperty("$defs", out var d) ? d : default;
        var resolved = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        return Build(document.RootElement, defs, resolved);
    }

    private static SchemaNode Build(JsonElement element, JsonElement defs, Dictionary<string, SchemaNode> resolved)
    {
        if (element.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            const string prefix = "#/$defs/";
            if (!target.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"schema reference {target} is not into $defs");
            }
            var defName = target[prefix.Length..];
            if (!resolved.TryGetValue(defName, out var shared))
            {
                // Registered before it is filled in, so a definition may refer to itself.
                shared = new SchemaNode();
                resolved[defName] = shared;
                Fill(shared, defs.GetProperty(defName), defs, resolved);
            }
            return shared;
        }
        var node = new SchemaNode();
        Fill(node, element, defs, resolved);
        return node;
    }

    private static void Fill(SchemaNode node, JsonElement element, JsonElement defs, Dictionary<string, SchemaNode> resolved)
    {
        if (element.TryGetProperty("type", out var type))
        {
            node.Types = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Aggregate(SchemaTypes.None, (t, e) => t | ParseType(e.GetString()!))
                : ParseType(type.GetString()!);
        }
        if (element.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                node.AddProperty(property.Name, Build(property.Value, defs, resolved));
            }
        }
        if (element.TryGetProperty("items", out var items))
        {
            node.Items = Build(items, defs, resolved);
        }
    }

    private static SchemaTypes ParseType(string name) => name switch
    {
        "object" => SchemaTypes.Object,
        "array" => SchemaTypes.Array,
        "string" => SchemaTypes.String,
        "integer" => SchemaTypes.Integer,
        "boolean" => SchemaTypes.Boolean,
        "null" => SchemaTypes.Null,
        _ => throw new InvalidOperationException($"schema type {name} is not supported"),
    };
}
