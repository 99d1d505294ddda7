namespace Provisioner.Config.Model;

/// <summary>The owner of a file, directory or link, by id or by name.</summary>
public sealed class NodeUser
{
    public long? Id { get; set; }

    public string? Name { get; set; }
}
