namespace Provisioner.Config.Json;

/// <summary>
/// A JSON value as written in the source, with the byte offset where it starts. Object members keep
/// their order and duplicates, because Go's decoder (and so Ignition) gives duplicate keys a meaning.
/// </summary>
internal sealed class SourceNode
{
    private SourceNode(JsonKind kind, int offset)
    {
        Kind = kind;
        Offset = offset;
    }

    public JsonKind Kind { get; }

    /// <summary>Byte offset of the first byte of the value (the quote, the brace, the digit).</summary>
    public int Offset { get; }

    /// <summary>The decoded string for a string, the literal text for a number.</summary>
    public string Text { get; private init; } = "";

    public List<SourceMember> Members { get; } = [];

    public List<SourceNode> Items { get; } = [];

    /// <summary>
    /// Where Ignition points when it reports on this value: the value itself for a scalar, the byte
    /// after the opening bracket for an object or array (a quirk of its position tree that we keep).
    /// </summary>
    public int ReportOffset => Kind is JsonKind.Object or JsonKind.Array ? Offset + 1 : Offset;

    /// <summary>What this value is, for messages: "an object", "a list", "a string", "a number", "a boolean", "null".</summary>
    public string DescribeKind() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "a list",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Null => "null",
        _ => "a boolean",
    };

    public static SourceNode Container(JsonKind kind, int offset) => new(kind, offset);

    public static SourceNode Scalar(JsonKind kind, int offset, string text) => new(kind, offset) { Text = text };

    /// <summary>The value of the last member named exactly <paramref name="key"/>, as Go's decoder would keep it.</summary>
    public SourceNode? Member(string key)
    {
        for (var i = Members.Count - 1; i >= 0; i--)
        {
            if (Members[i].Key == key)
            {
                return Members[i].Value;
            }
        }
        return null;
    }
}
