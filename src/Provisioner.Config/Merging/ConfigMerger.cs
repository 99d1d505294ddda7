using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Config.Json;
using Provisioner.Config.Model;
using Provisioner.Config.Schema;
using Provisioner.Config.Versions;

namespace Provisioner.Config.Merging;

/// <summary>
/// Applies a child config onto a parent as <c>ignition.config.merge</c> does. Both must already be
/// translated to the newest spec. The rules are Ignition's:
/// <list type="bullet">
/// <item>a field that may be null (a Go pointer): the child's value when set, else the parent's;</item>
/// <item>a field that may not (a list item's key, the version): the child's, always;</item>
/// <item>an object: the parent's if the child's is empty, the child's if the parent's is, else merged field by field;</item>
/// <item>a keyed list: parent items in order, each merged with the child item of the same key; a parent item
/// whose key the child uses in another list of the same key space is dropped; then the child's new items;</item>
/// <item>append, options and mountOptions: parent's then child's;</item>
/// <item>an HTTP header whose child value is null is removed.</item>
/// </list>
/// The merge walks the JSON form of the model guided by the newest schema, which knows which fields
/// may be null, so one walk covers every type.
/// </summary>
public static class ConfigMerger
{
    public static Configuration Merge(Configuration parent, Configuration child)
    {
        var schema = SpecSchema.For(SpecVersion.V3_7Experimental);
        var p = JsonNode.Parse(ConfigSerializer.Serialize(parent))!.AsObject();
        var c = JsonNode.Parse(ConfigSerializer.Serialize(child))!.AsObject();
        var merged = MergeObject(p, c, schema);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            merged.WriteTo(writer);
        }
        return ConfigSerializer.Deserialize(buffer.WrittenSpan);
    }

    private static JsonObject MergeObject(JsonObject parent, JsonObject child, SchemaNode schema)
    {
        var result = new JsonObject();
        var spaces = ChildKeySpaces(child);
        foreach (var name in schema.PropertyNames)
        {
            var property = schema.Properties[name];
            var p = parent[name];
            var c = child[name];
            var value = property.Types switch
            {
                _ when property.Types.HasFlag(SchemaTypes.Array) => MergeList(name, p as JsonArray, c as JsonArray, property.Items!, child, spaces),
                _ when property.Types.HasFlag(SchemaTypes.Object) => MergeStruct(p as JsonObject, c as JsonObject, property),
                // Scalars: a non-nullable one is always present in the child, so the child wins even when zero.
                _ => c ?? p,
            };
            if (value is not null)
            {
                result[name] = value.DeepClone();
            }
        }
        return result;
    }

    private static JsonObject? MergeStruct(JsonObject? parent, JsonObject? child, SchemaNode schema)
    {
        if (child is null || IsZero(child, schema))
        {
            return parent;
        }
        if (parent is null || IsZero(parent, schema))
        {
            return child;
        }
        return MergeObject(parent, child, schema);
    }

    private static JsonArray? MergeList(string name, JsonArray? parent, JsonArray? child, SchemaNode items, JsonObject childOwner, Dictionary<string, HashSet<string>> childSpaces)
    {
        var rule = ListRule.For(name);
        var otherListsOfSpace = childSpaces.TryGetValue(rule.Space, out var inSpace) ? inSpace : [];
        if ((child is null || child.Count == 0) && (rule.Concatenate || otherListsOfSpace.Count == 0))
        {
            return parent;
        }
        child ??= [];
        if (parent is null || parent.Count == 0)
        {
            return name == "httpHeaders" ? WithoutRemovedHeaders(child) : child;
        }
        var result = new JsonArray();
        if (rule.Concatenate)
        {
            foreach (var item in parent.Concat(child))
            {
                result.Add(item!.DeepClone());
            }
            return result;
        }

        var childByKey = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in child)
        {
            childByKey.TryAdd(Key(item!, rule), item!);
        }
        var parentKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in parent)
        {
            var key = Key(item!, rule);
            parentKeys.Add(key);
            if (childByKey.TryGetValue(key, out var match))
            {
                if (name == "httpHeaders" && match["value"] is null)
                {
                    continue;
                }
                result.Add(item is JsonObject po && match is JsonObject co ? MergeObject(po, co, items) : match.DeepClone());
            }
            else if (!otherListsOfSpace.Contains(key))
            {
                result.Add(item!.DeepClone());
            }
        }
        foreach (var item in child)
        {
            if (!parentKeys.Contains(Key(item!, rule)) && !(name == "httpHeaders" && item!["value"] is null))
            {
                result.Add(item!.DeepClone());
            }
        }
        return result;
    }

    private static JsonArray WithoutRemovedHeaders(JsonArray headers)
    {
        var result = new JsonArray();
        foreach (var header in headers)
        {
            if (header!["value"] is not null)
            {
                result.Add(header.DeepClone());
            }
        }
        return result;
    }

    /// <summary>Keys of every keyed list directly in the child object, by key space, to find items moved between lists.</summary>
    private static Dictionary<string, HashSet<string>> ChildKeySpaces(JsonObject child)
    {
        var spaces = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in child)
        {
            if (value is not JsonArray list)
            {
                continue;
            }
            var rule = ListRule.For(name);
            if (rule.Concatenate)
            {
                continue;
            }
            if (!spaces.TryGetValue(rule.Space, out var keys))
            {
                spaces[rule.Space] = keys = new HashSet<string>(StringComparer.Ordinal);
            }
            foreach (var item in list)
            {
                keys.Add(Key(item!, rule));
            }
        }
        return spaces;
    }

    /// <summary>An item's identity: a partition by number, else by label; strings by value; objects by their key field.</summary>
    private static string Key(JsonNode item, ListRule rule)
    {
        if (item is not JsonObject obj)
        {
            return item.GetValue<string>();
        }
        if (rule.KeyProperty == "number")
        {
            var number = obj["number"]?.GetValue<long>() ?? 0;
            return number != 0 ? $"number:{number}" : $"label:{obj["label"]?.GetValue<string>()}";
        }
        return obj[rule.KeyProperty!]?.GetValue<string>() ?? "";
    }

    /// <summary>Go's zero value: unset pointers, empty strings and zero numbers where null is not allowed, empty lists and objects.</summary>
    private static bool IsZero(JsonObject obj, SchemaNode schema)
    {
        foreach (var (name, value) in obj)
        {
            if (value is null || !schema.Properties.TryGetValue(name, out var property))
            {
                continue;
            }
            var zero = value switch
            {
                JsonArray list => list.Count == 0,
                JsonObject inner => IsZero(inner, property),
                JsonValue _ when property.Types.HasFlag(SchemaTypes.Null) => false,
                JsonValue scalar => scalar.GetValueKind() switch
                {
                    JsonValueKind.String => scalar.GetValue<string>().Length == 0,
                    JsonValueKind.Number => scalar.GetValue<long>() == 0,
                    JsonValueKind.False => true,
                    _ => false,
                },
                _ => false,
            };
            if (!zero)
            {
                return false;
            }
        }
        return true;
    }
}
