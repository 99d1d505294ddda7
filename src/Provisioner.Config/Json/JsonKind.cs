namespace Provisioner.Config.Json;

/// <summary>The kind of a JSON value in a <see cref="SourceNode"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}
