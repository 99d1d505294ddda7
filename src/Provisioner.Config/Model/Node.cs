namespace Provisioner.Config.Model;

/// <summary>What files, directories and links share: a path, an owner, and whether to overwrite.</summary>
public abstract class Node
{
    public NodeGroup Group { get; set; } = new();

    public bool? Overwrite { get; set; }

    public string Path { get; set; } = "";

    public NodeUser User { get; set; } = new();
}
