namespace Provisioner.Config.Schema;

/// <summary>The JSON types a schema allows at one place.</summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Boolean = 16,
    Null = 32,
}
