namespace Provisioner.Config.Model;

/// <summary>A symbolic or hard link.</summary>
public sealed class Link : Node
{
    public bool? Hard { get; set; }

    public string? Target { get; set; }
}
