namespace Provisioner.Config.Model;

/// <summary>A regular file to write.</summary>
public sealed class File : Node
{
    public List<Resource> Append { get; set; } = [];

    public Resource Contents { get; set; } = new();

    public long? Mode { get; set; }
}
