namespace Provisioner.Config.Schema;

/// <summary>
/// One place of a spec version's schema: the types it allows, and for objects the properties the
/// version has (anything else is an unused key), for arrays the shape of the items.
/// </summary>
internal sealed class SchemaNode
{
    private readonly Dictionary<string, SchemaNode> properties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> foldedNames = new(StringComparer.OrdinalIgnoreCase);

    public SchemaTypes Types { get; set; }

    public SchemaNode? Items { get; set; }

    private readonly List<string> propertyNames = [];

    public IReadOnlyDictionary<string, SchemaNode> Properties => properties;

    /// <summary>Property names in schema order, which is the order Ignition walks a config in.</summary>
    public IReadOnlyList<string> PropertyNames => propertyNames;

    public void AddProperty(string name, SchemaNode schema)
    {
        if (properties.TryAdd(name, schema))
        {
            propertyNames.Add(name);
        }
        foldedNames.TryAdd(name, name);
    }

    /// <summary>
    /// The property a JSON key fills, matched as Go's decoder matches: exactly, else ignoring case.
    /// <paramref name="exact"/> is false for a case-insensitive match, which Ignition also reports as unused.
    /// </summary>
    public string? Resolve(string key, out bool exact)
    {
        exact = properties.ContainsKey(key);
        if (exact)
        {
            return key;
        }
        return foldedNames.TryGetValue(key, out var name) ? name : null;
    }

    /// <summary>Reads as "an integer", "a string or null" in messages.</summary>
    public string Describe()
    {
        var names = new List<string>();
        if (Types.HasFlag(SchemaTypes.Object)) names.Add("an object");
        if (Types.HasFlag(SchemaTypes.Array)) names.Add("a list");
        if (Types.HasFlag(SchemaTypes.String)) names.Add("a string");
        if (Types.HasFlag(SchemaTypes.Integer)) names.Add("an integer");
        if (Types.HasFlag(SchemaTypes.Boolean)) names.Add("a boolean");
        return string.Join(" or ", names);
    }
}
