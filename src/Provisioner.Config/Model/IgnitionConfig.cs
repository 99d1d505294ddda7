namespace Provisioner.Config.Model;

/// <summary>Configs to merge onto this one, or one to replace it with.</summary>
public sealed class IgnitionConfig
{
    public List<Resource> Merge { get; set; } = [];

    public Resource Replace { get; set; } = new();
}
