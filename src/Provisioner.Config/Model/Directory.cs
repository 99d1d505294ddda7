namespace Provisioner.Config.Model;

/// <summary>A directory to create.</summary>
public sealed class Directory : Node
{
    public long? Mode { get; set; }
}
