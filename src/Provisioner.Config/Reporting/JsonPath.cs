using System.Text;

namespace Provisioner.Config.Reporting;

/// <summary>
/// A location in a config in Ignition's notation: <c>$.storage.files.2.path</c>.
/// Immutable and cheap to extend, so every rule can pass its own path down to the next.
/// </summary>
public sealed class JsonPath : IEquatable<JsonPath>
{
    public static readonly JsonPath Root = new(null, null, -1);

    private readonly JsonPath? parent;
    private readonly string? key;
    private readonly int index;

    private JsonPath(JsonPath? parent, string? key, int index)
    {
        this.parent = parent;
        this.key = key;
        this.index = index;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public int Depth { get; }

    public JsonPath Append(string property) => new(this, property, -1);

    public JsonPath Append(int item) => new(this, null, item);

    /// <summary>The segments from the root down: a string for a property, an int for a list item.</summary>
    public IReadOnlyList<object> Segments
    {
        get
        {
            var segments = new object[Depth];
            for (var p = this; p.parent is not null; p = p.parent)
            {
                segments[p.Depth - 1] = p.key is null ? p.index : p.key;
            }
            return segments;
        }
    }

    public override string ToString()
    {
        if (parent is null)
        {
            return "$";
        }
        var sb = new StringBuilder("$");
        foreach (var segment in Segments)
        {
            sb.Append('.').Append(segment);
        }
        return sb.ToString();
    }

    public bool Equals(JsonPath? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as JsonPath);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
