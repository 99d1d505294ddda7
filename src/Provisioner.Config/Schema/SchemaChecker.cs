using System.Globalization;
using Provisioner.Config.Json;
using Provisioner.Config.Reporting;

namespace Provisioner.Config.Schema;

/// <summary>
/// Checks a source tree against one version's schema and builds the canonical tree the model is read
/// from. It decodes the way Go's encoding/json (and so Ignition) does: keys match their field exactly
/// or ignoring case; a repeated key overrides, and a repeated object key is merged into the first;
/// null leaves a field unset (and is the zero value in a list). A key the version does not have is a
/// warning ("Unused key"), and so is a key that only matched ignoring case; a value of the wrong type
/// is an error.
/// </summary>
internal sealed class SchemaChecker
{
    private readonly SourceText source;

    private SchemaChecker(SourceText source)
    {
        this.source = source;
    }

    /// <summary>Type errors, in the order Ignition walks the config.</summary>
    public Report TypeErrors { get; } = new();

    /// <summary>Unused keys and other structural warnings; Ignition lists them after the rules' findings.</summary>
    public Report Warnings { get; } = new();

    /// <summary>
    /// Checks <paramref name="root"/>. The canonical tree has only the properties of the schema, under
    /// their own names, with repeated keys resolved and nulls dropped; it is complete only without type errors.
    /// </summary>
    public static (SourceNode Canonical, SchemaChecker Result) Check(SourceNode root, SchemaNode schema, SourceText source)
    {
        var checker = new SchemaChecker(source);
        var canonical = checker.Walk([root], schema, JsonPath.Root, inTree: true);
        return (canonical ?? SourceNode.Container(JsonKind.Object, root.Offset), checker);
    }

    /// <summary>
    /// Walks one place; <paramref name="values"/> holds more than one value only for repeated keys.
    /// <paramref name="inTree"/> is false below a key that matched its field only ignoring case: Ignition
    /// cannot find such places in its position tree, so it reports no unused keys there.
    /// </summary>
    private SourceNode? Walk(IReadOnlyList<SourceNode> values, SchemaNode schema, JsonPath path, bool inTree)
    {
        var node = values[^1];
        if (node.Kind == JsonKind.Null)
        {
            // Only list items reach here (null members are dropped): Go decodes them into the zero value.
            if (inTree && schema.Types.HasFlag(SchemaTypes.Object))
            {
                NotAnObjectInTree(path, node);
            }
            return Zero(schema, node.Offset);
        }
        if (!Accepts(schema.Types, node))
        {
            TypeError(node, schema, path);
            return null;
        }
        switch (node.Kind)
        {
            case JsonKind.Object:
                return WalkObject(values, schema, path, inTree);
            case JsonKind.Array:
                var list = SourceNode.Container(JsonKind.Array, node.Offset);
                for (var i = 0; i < node.Items.Count; i++)
                {
                    if (Walk(ItemAcrossRepeats(values, i), schema.Items!, path.Append(i), inTree) is { } item)
                    {
                        list.Items.Add(item);
                    }
                }
                return list;
            default:
                return node;
        }
    }

    /// <summary>
    /// Item <paramref name="index"/> of a list, decoded as Go decodes a repeated list key: into the
    /// earlier list's element of the same index, so an object item is merged into the earlier one.
    /// </summary>
    private static List<SourceNode> ItemAcrossRepeats(IReadOnlyList<SourceNode> lists, int index)
    {
        var item = new List<SourceNode>(1);
        foreach (var list in lists)
        {
            if (list.Kind == JsonKind.Array && index < list.Items.Count)
            {
                Assign(item, list.Items[index]);
            }
        }
        return item;
    }

    private SourceNode WalkObject(IReadOnlyList<SourceNode> objects, SchemaNode schema, JsonPath path, bool inTree)
    {
        // Group the members of this object (and of any earlier objects under the same repeated key)
        // by the property they fill. This object's own unused keys are reported before its children's,
        // and children are visited in schema order, as Ignition's walk does.
        var filled = new Dictionary<string, List<SourceNode>>(StringComparer.Ordinal);
        var exactly = new Dictionary<string, bool>(StringComparer.Ordinal);
        var unused = new Dictionary<string, SourceMember>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            foreach (var member in obj.Members)
            {
                var name = schema.Resolve(member.Key, out var exact);
                if (!exact)
                {
                    unused.Remove(member.Key);
                    unused[member.Key] = member; // a repeated key is reported once, at its last occurrence
                }
                if (name is null)
                {
                    continue;
                }
                if (!filled.TryGetValue(name, out var list))
                {
                    filled[name] = list = [];
                }
                Assign(list, member.Value);
                exactly[name] = exact;
            }
        }
        if (inTree)
        {
            foreach (var member in unused.Values)
            {
                UnusedKey(member, path);
            }
        }
        var canonical = SourceNode.Container(JsonKind.Object, objects[^1].Offset);
        foreach (var name in schema.PropertyNames)
        {
            if (!filled.TryGetValue(name, out var values))
            {
                continue;
            }
            var property = schema.Properties[name];
            var value = values[^1];
            var childInTree = inTree && exactly[name];
            if (value.Kind == JsonKind.Null)
            {
                if (childInTree && property.Types.HasFlag(SchemaTypes.Object) && !property.Types.HasFlag(SchemaTypes.Null))
                {
                    NotAnObjectInTree(path.Append(name), value);
                }
                continue;
            }
            if (Walk(values, property, path.Append(name), childInTree) is { } checkedValue)
            {
                canonical.Members.Add(new SourceMember(name, 0, checkedValue));
            }
        }
        AddZeroStrings(canonical, schema);
        return canonical;
    }

    /// <summary>
    /// Go's rule for a repeated key: an object is decoded into the earlier object, a list into the
    /// earlier list (item by item), anything else replaces it.
    /// </summary>
    private static void Assign(List<SourceNode> values, SourceNode value)
    {
        var mergesIntoObject = values.Count > 0 && values[^1].Kind == JsonKind.Object;
        var mergesIntoList = values.Count > 0 && values[^1].Kind == JsonKind.Array;
        if ((value.Kind == JsonKind.Object && mergesIntoObject) || (value.Kind == JsonKind.Array && mergesIntoList))
        {
            values.Add(value);
        }
        else if (value.Kind == JsonKind.Null && mergesIntoObject)
        {
            // null leaves a struct as it was.
        }
        else
        {
            values.Clear();
            values.Add(value);
        }
    }

    /// <summary>
    /// A string field that cannot be null is "" in Go when the object is present but the key is not.
    /// The difference shows where a version makes a whole object a pointer (3.2's clevis.custom, whose
    /// pin and config are plain strings): there an empty object is "set", unlike no object.
    /// </summary>
    private static void AddZeroStrings(SourceNode canonical, SchemaNode schema)
    {
        foreach (var name in schema.PropertyNames)
        {
            var property = schema.Properties[name];
            if (property.Types == SchemaTypes.String && canonical.Member(name) is null)
            {
                canonical.Members.Add(new SourceMember(name, 0, SourceNode.Scalar(JsonKind.String, canonical.Offset, "")));
            }
        }
    }

    /// <summary>Go decodes a null list item into the zero value of the item type.</summary>
    private static SourceNode Zero(SchemaNode schema, int offset)
    {
        if (schema.Types.HasFlag(SchemaTypes.Object)) return SourceNode.Container(JsonKind.Object, offset);
        if (schema.Types.HasFlag(SchemaTypes.String)) return SourceNode.Scalar(JsonKind.String, offset, "");
        if (schema.Types.HasFlag(SchemaTypes.Integer)) return SourceNode.Scalar(JsonKind.Number, offset, "0");
        if (schema.Types.HasFlag(SchemaTypes.Boolean)) return SourceNode.Scalar(JsonKind.False, offset, "false");
        return SourceNode.Scalar(JsonKind.Null, offset, "null");
    }

    private static bool Accepts(SchemaTypes types, SourceNode node) => node.Kind switch
    {
        JsonKind.Object => types.HasFlag(SchemaTypes.Object),
        JsonKind.Array => types.HasFlag(SchemaTypes.Array),
        JsonKind.String => types.HasFlag(SchemaTypes.String),
        JsonKind.Number => types.HasFlag(SchemaTypes.Integer) && IsInteger(node.Text),
        JsonKind.True or JsonKind.False => types.HasFlag(SchemaTypes.Boolean),
        _ => true,
    };

    private static bool IsInteger(string text) =>
        text.AsSpan().TrimStart('-').IndexOfAnyExcept("0123456789") < 0
        && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private void TypeError(SourceNode node, SchemaNode schema, JsonPath path)
    {
        var found = node.Kind == JsonKind.Number && schema.Types.HasFlag(SchemaTypes.Integer)
            ? $"the number {node.Text}, which is not a 64-bit integer"
            : node.DescribeKind();
        var hint = path.ToString().EndsWith(".mode", StringComparison.Ordinal) && node.Kind != JsonKind.Number
            ? " (modes are decimal integers: 420 for 0644)"
            : "";
        TypeErrors.Add(Entry(Severity.Error, path, node.Offset, $"expected {schema.Describe()}{hint}, found {found}"));
    }

    /// <summary>Ignition's warning where a struct is null in the JSON (its position tree has no object there).</summary>
    private void NotAnObjectInTree(JsonPath at, SourceNode value) =>
        Warnings.Add(Entry(Severity.Warning, at, value.Offset,
            $"context tree does not match content tree at {at}. Line and column reporting may be inconsistent. Unused keys may not be reported."));

    private void UnusedKey(SourceMember member, JsonPath path) =>
        Warnings.Add(Entry(Severity.Warning, path.Append(member.Key), member.KeyOffset, $"Unused key {member.Key}"));

    private ReportEntry Entry(Severity severity, JsonPath path, int offset, string message)
    {
        var (line, column) = source.Position(offset);
        return new ReportEntry(severity, path, line, column, message);
    }
}
