namespace Provisioner.Config.Model;

/// <summary>The group of a file, directory or link, by id or by name.</summary>
public sealed class NodeGroup
{
    public long? Id { get; set; }

    public string? Name { get; set; }
}
